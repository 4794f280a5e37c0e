import { Injectable } from '@nestjs/common';
import { AccountsService, renderMarkdown } from '@app/core';
import { linkMentions, mentionedHandles } from './mentions';

export interface PreparedText {
  bodyHtml: string;
  /** Accounts mentioned, in order of first mention. */
  mentionIds: string[];
}

/** Markdown to stored HTML, once on write: rendered, sanitised, mentions resolved and linked. */
@Injectable()
export class PostText {
  constructor(private readonly accounts: AccountsService) {}

  async prepare(body: string): Promise<PreparedText> {
    const html = renderMarkdown(body);
    const handles = mentionedHandles(html);
    // At most MAX_MENTIONS look-ups, on writes only.
    const found = await Promise.all(handles.map((handle) => this.accounts.findByHandle(handle)));
    const accounts = found.filter((account) => account !== null && account.deletedAt === null);
    return {
      bodyHtml: linkMentions(html, new Set(accounts.map((account) => account!.handle))),
      mentionIds: accounts.map((account) => account!.id),
    };
  }
}
