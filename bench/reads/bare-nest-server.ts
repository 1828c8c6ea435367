/**
 * The anchor of `npm run bench -- reads`: a bare Nest 11 (Express) app with one GET route returning
 * 15 bytes, no global pipe, guard, interceptor or middleware. Started as a child process by the bench;
 * prints `listening <port>` once ready.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';

@Controller()
class BareController {
  @Get('bare')
  bare() {
    return { status: 'ok' }; // {"status":"ok"} = 15 bytes
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main() {
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  process.stderr.write(`listening ${(app.getHttpServer().address() as AddressInfo).port}\n`);
}

void main();
