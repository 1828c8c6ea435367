import { Module } from '@nestjs/common';
import { IdeasController } from './ideas.controller';

@Module({ controllers: [IdeasController] })
export class IdeasModule {}
