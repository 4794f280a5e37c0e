import { Module } from '@nestjs/common';

/** The notification inbox (placeholder until the library is built). */
@Module({})
export class NotificationsModule {}
