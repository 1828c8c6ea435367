import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_CONFIG } from './app-config';
import { loadConfig } from './load-config';

/**
 * Nest's ConfigModule reads `.env` (when present) into the environment and validates it with our
 * schema at boot: a bad value throws ConfigError naming the variable and what is allowed, which
 * stops start-up. The typed result is provided under APP_CONFIG.
 */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      cache: true,
      validate: (env) => {
        loadConfig(env);
        return env;
      },
    }),
  ],
  providers: [{ provide: APP_CONFIG, useFactory: () => loadConfig(process.env) }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
