import { Global, Module } from '@nestjs/common';
import { CalibrationService } from './calibration.service';

/** Measured odds for plans (global: the plan analyzer and the playbooks route read it). */
@Global()
@Module({ providers: [CalibrationService], exports: [CalibrationService] })
export class CalibrationModule {}
