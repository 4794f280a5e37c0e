import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule } from '@app/core';
import { ArchiveModule } from '@app/archive';
import { DiscussionsModule } from '@app/discussions';
import { MembersModule } from '@app/members';
import { ModerationModule } from '@app/moderation';
import { NotificationsModule } from '@app/notifications';
import { RoundtablesModule } from '@app/roundtables';
import { SearchModule } from '@app/search';
import { MIGRATIONS } from '../../../migrations';

/** Composes the libraries; no business code lives here. */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ config, migrations: MIGRATIONS }),
        NotificationsModule,
        MembersModule,
        SearchModule,
        DiscussionsModule,
        RoundtablesModule,
        ModerationModule,
        ArchiveModule,
      ],
    };
  }
}
