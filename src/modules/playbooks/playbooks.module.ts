import { Module } from '@nestjs/common';
import { PlaybooksController } from './playbooks.controller';

/** GET /gpt/playbooks (CalibrationService is global). */
@Module({ controllers: [PlaybooksController] })
export class PlaybooksModule {}
