import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseService } from '../../persistence/database.service';

@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly db: DatabaseService,
  ) {}

  async check(key = 'database') {
    const session = this.indicators.check(key);
    const info = { target: this.db.description, dialect: this.db.dialect };
    try {
      await this.db.ping(2000);
      return session.up(info);
    } catch (err) {
      return session.down({ ...info, message: this.db.error ?? (err as Error).message });
    }
  }
}
