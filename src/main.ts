import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { ConfigError } from './config/load-config';
import { installGracefulShutdown } from './bootstrap/graceful-shutdown';
import { scrubSecrets } from './common/redact';

async function bootstrap() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  const config = configureApp(app);
  installGracefulShutdown(app, { graceMs: config.limits.shutdownGraceMs, log: (m) => Logger.log(m, 'Shutdown') });
  await app.listen(config.port, config.host);
}

bootstrap().catch((err) => {
  // A bad configuration names the variable; anything else is printed without leaking secrets.
  const message = err instanceof ConfigError || err?.name === 'ConfigError' ? err.message : (err?.stack ?? String(err));
  process.stderr.write(`trading-coach failed to start: ${scrubSecrets(message)}\n`);
  process.exit(1);
});
