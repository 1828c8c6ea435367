import { Global, Module } from '@nestjs/common';
import { DataPortsModule } from '../data-ports/data-ports.module';
import { CalibrationService } from './calibration.service';
import { VendorHistoryService } from './vendor-history.service';

/** Measured odds for plans (global: the plan analyzer and the playbooks route read it). */
@Global()
@Module({ imports: [DataPortsModule], providers: [CalibrationService, VendorHistoryService], exports: [CalibrationService, VendorHistoryService] })
export class CalibrationModule {}
