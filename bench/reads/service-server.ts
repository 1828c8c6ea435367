/**
 * The service as `npm run serve` starts it (AppModule + configureApp, the same logger and middleware),
 * on a random loopback port; a child process of `npm run bench -- reads` and `npm run soak`.
 * Prints `listening <port>` once ready. Environment comes from the parent.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';

async function main() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  process.stderr.write(`listening ${(app.getHttpServer().address() as AddressInfo).port}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
