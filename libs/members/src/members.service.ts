import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import {
  AccountsService,
  AuthService,
  AuthenticatedMember,
  byKeys,
  decodeCursor,
  encodeCursor,
  requestLoader,
} from '@app/core';
import { UpdateProfileInput } from './dto/update-profile.input';
import { MemberFilter } from './dto/member-filter.input';
import { MemberTagEntity, MemberTagKind } from './member-tag.entity';
import { MembersError, MembersErrorCode } from './members.errors';
import { ProfileEntity, ProfileVisibility } from './profile.entity';
import { TagsService } from './tags.service';

export interface MemberTags {
  expertise: string[];
  learning: string[];
}

export interface DirectoryRow {
  id: string;
  createdAtKey: string;
}

export interface DirectoryPage {
  ids: string[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

const PROFILE_FIELDS = [
  'headline',
  'bio',
  'organization',
  'jobTitle',
  'yearsOfPractice',
  'location',
  'timeZone',
  'links',
  'avatarUrl',
  'visibility',
] as const;

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
    private readonly tags: TagsService,
  ) {}

  profileLoader(request: object): DataLoader<string, ProfileEntity | null> {
    return requestLoader<string, ProfileEntity | null>(request, 'members.profile', async (ids) =>
      byKeys(
        ids,
        await this.dataSource
          .getRepository(ProfileEntity)
          .findBy(ids.map((accountId) => ({ accountId }))),
        (profile) => profile.accountId,
        null,
      ),
    );
  }

  tagsLoader(request: object): DataLoader<string, MemberTags> {
    return requestLoader<string, MemberTags>(request, 'members.tags', async (ids) => {
      const rows: Array<{ account_id: string; kind: MemberTagKind; name: string }> =
        await this.dataSource.query(
          `SELECT mt.account_id, mt.kind, t.name FROM member_tag mt JOIN tag t ON t.id = mt.tag_id
            WHERE mt.account_id = ANY($1::uuid[]) ORDER BY mt.account_id, mt.kind, mt.position`,
          [ids],
        );
      const byAccount = new Map<string, MemberTags>(
        ids.map((id) => [id, { expertise: [], learning: [] }]),
      );
      for (const row of rows) {
        const tags = byAccount.get(row.account_id);
        if (tags)
          (row.kind === MemberTagKind.EXPERTISE ? tags.expertise : tags.learning).push(row.name);
      }
      return ids.map((id) => byAccount.get(id) ?? { expertise: [], learning: [] });
    });
  }

  /** Visible to `viewer`: anonymous readers see PUBLIC profiles only; deleted members never. */
  async findVisibleByHandle(handle: string, viewer: AuthenticatedMember | null) {
    const account = await this.accounts.findByHandle(handle);
    if (!account || account.deletedAt) return null;
    if (!viewer) {
      const profile = await this.dataSource
        .getRepository(ProfileEntity)
        .findOneBy({ accountId: account.id });
      if (profile?.visibility !== ProfileVisibility.PUBLIC) return null;
    }
    return account;
  }

  async updateProfile(accountId: string, input: UpdateProfileInput): Promise<void> {
    const expertise =
      input.expertise && this.tags.normalise(input.expertise, 'input.expertise', 10);
    const learning = input.learning && this.tags.normalise(input.learning, 'input.learning', 10);
    await this.dataSource.transaction(async (manager) => {
      await this.accounts.rename(
        accountId,
        { handle: input.handle, displayName: input.displayName },
        manager,
      );
      const repo = manager.getRepository(ProfileEntity);
      const profile =
        (await repo.findOneBy({ accountId })) ?? repo.create({ accountId, links: [] });
      for (const field of PROFILE_FIELDS) {
        const value = input[field];
        if (value === undefined) continue;
        (profile as unknown as Record<string, unknown>)[field] =
          field === 'links'
            ? (value ?? [])
            : field === 'visibility'
              ? (value ?? ProfileVisibility.MEMBERS)
              : value;
      }
      await repo.save(profile);
      if (expertise) await this.replaceTags(manager, accountId, MemberTagKind.EXPERTISE, expertise);
      if (learning) await this.replaceTags(manager, accountId, MemberTagKind.LEARNING, learning);
    });
  }

  private async replaceTags(
    manager: EntityManager,
    accountId: string,
    kind: MemberTagKind,
    names: string[],
  ): Promise<void> {
    const repo = manager.getRepository(MemberTagEntity);
    const old = await repo.findBy({ accountId, kind });
    const ids = await this.tags.ensure(names, manager);
    await repo.delete({ accountId, kind });
    await this.tags.adjustUsage(
      old.map((row) => row.tagId),
      -1,
      manager,
    );
    const rows = names.map((name, position) => ({
      accountId,
      kind,
      tagId: ids.get(name) as string,
      position,
    }));
    if (rows.length) await repo.insert(rows);
    await this.tags.adjustUsage(
      rows.map((row) => row.tagId),
      1,
      manager,
    );
  }

  /**
   * The directory: keyset-paginated on (created_at, id), so pages stay stable when members join
   * between requests. Returns ids in order; profiles and tags come through the loaders.
   */
  async directory(
    filter: MemberFilter | undefined,
    first: number,
    after: string | null | undefined,
    viewer: AuthenticatedMember | null,
  ): Promise<DirectoryPage> {
    const where: string[] = ['a.deleted_at IS NULL'];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (!viewer) where.push(`p.visibility = 'PUBLIC'`);
    const query = filter?.query?.trim();
    if (query) {
      const like = param(`%${query.replace(/[\\%_]/g, '\\$&')}%`);
      where.push(
        `(a.display_name ILIKE ${like} OR a.handle ILIKE ${like} OR p.headline ILIKE ${like} OR p.organization ILIKE ${like})`,
      );
    }
    if (filter?.organization?.trim()) {
      where.push(`lower(p.organization) = lower(${param(filter.organization.trim())})`);
    }
    if (filter?.expertise?.length) {
      const tags = this.tags.normalise(filter.expertise, 'filter.expertise', 10);
      where.push(
        `a.id IN (SELECT mt.account_id FROM member_tag mt JOIN tag t ON t.id = mt.tag_id
                   WHERE mt.kind = 'EXPERTISE' AND t.name = ANY(${param(tags)}::text[])
                   GROUP BY mt.account_id HAVING count(*) = ${param(tags.length)})`,
      );
    }
    const from = `FROM account a LEFT JOIN member_profile p ON p.account_id = a.id WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    let keyset = '';
    if (after) {
      const [createdAt, id] = decodeCursor(after, 2);
      keyset = ` AND (a.created_at, a.id) > (${param(createdAt)}::timestamptz, ${param(id)}::uuid)`;
    }
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT a.id, a.created_at::text AS created_at_key ${from}${keyset}
          ORDER BY a.created_at, a.id LIMIT ${param(first + 1)}`,
        params,
      ) as Promise<Array<{ id: string; created_at_key: string }>>,
      this.dataSource.query(`SELECT count(*)::int AS n ${from}`, countParams) as Promise<
        Array<{ n: number }>
      >,
    ]);
    const page = rows.slice(0, first);
    return {
      ids: page.map((row) => row.id),
      cursors: page.map((row) => encodeCursor([row.created_at_key, row.id])),
      hasNextPage: rows.length > first,
      totalCount: count[0]?.n ?? 0,
    };
  }

  /** Anonymises the account (core) and clears the profile, in one transaction. */
  async deleteAccount(member: AuthenticatedMember, password: string): Promise<void> {
    if (!(await this.auth.verifyPassword(member.id, password))) {
      throw new MembersError(
        MembersErrorCode.WRONG_PASSWORD,
        'The password is wrong; the account was not deleted.',
        {
          fields: { password: ['is not your password'] },
        },
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const tags = await manager.getRepository(MemberTagEntity).findBy({ accountId: member.id });
      await manager.getRepository(MemberTagEntity).delete({ accountId: member.id });
      await this.tags.adjustUsage(
        tags.map((row) => row.tagId),
        -1,
        manager,
      );
      await manager.getRepository(ProfileEntity).delete({ accountId: member.id });
      await this.accounts.anonymise(member.id, manager);
    });
  }
}
