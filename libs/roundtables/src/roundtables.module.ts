import { Module } from '@nestjs/common';

/** Placeholder until the library is built. */
@Module({})
export class RoundtablesModule {}
