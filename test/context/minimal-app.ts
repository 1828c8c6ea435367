/**
 * A minimal Nest app around one feature's controllers with the project's global validation pipe and
 * exception filter, and fake data ports (the provider chain is not involved).
 */
import 'reflect-metadata';
import { INestApplication, Provider, Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AllExceptionsFilter } from '../../src/common/http-exception.filter';
import { createValidationPipe } from '../../src/common/validation';

export async function minimalApp(controllers: Type<unknown>[], providers: Provider[]): Promise<INestApplication> {
  const mod = await Test.createTestingModule({
    controllers,
    providers: [...providers, { provide: APP_PIPE, useFactory: createValidationPipe }, { provide: APP_FILTER, useClass: AllExceptionsFilter }],
  }).compile();
  const app = mod.createNestApplication({ logger: false });
  await app.init();
  return app;
}
