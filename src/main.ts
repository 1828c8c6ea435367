import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { ConfigError } from './config/load-config';

async function bootstrap() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  const config = configureApp(app);
  await app.listen(config.port, '0.0.0.0');
}

bootstrap().catch((err) => {
  // A bad configuration names the variable; anything else is printed without leaking secrets.
  const message = err instanceof ConfigError || err?.name === 'ConfigError' ? err.message : err?.stack ?? String(err);
  process.stderr.write(`trading-coach failed to start: ${message}\n`);
  process.exit(1);
});
