import { ArchiveDocument, ExportedCollection, ExportedEntry } from './export-document';

const day = (iso: string) => iso.slice(0, 10);
const quoted = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');

function entryMarkdown(entry: ExportedEntry): string {
  const out: string[] = [];
  const { content } = entry;
  out.push(`## ${entry.position}. ${content ? content.title : '(no longer available)'}`);
  if (entry.note) out.push(quoted(`**Curator’s note:** ${entry.note}`));
  if (!content) {
    out.push('_This entry was hidden or removed: its content is not part of the archive._');
    return out.join('\n\n');
  }
  const by = content.author ? `${content.author.displayName} (@${content.author.handle})` : null;
  const kind =
    entry.kind === 'REPLY'
      ? 'An answer'
      : entry.kind === 'RECAP'
        ? 'A roundtable recap'
        : 'A thread';
  out.push(`_${kind}${by ? ` by ${by}` : ''}, ${day(content.createdAt)} · <${content.link}>_`);
  out.push(content.body.trim());
  return out.join('\n\n');
}

function collectionMarkdown(collection: ExportedCollection): string {
  const out = [`# ${collection.title}`];
  const meta = [
    collection.tags.length ? `Tags: ${collection.tags.join(', ')}` : null,
    collection.publishedAt ? `published ${day(collection.publishedAt)}` : null,
    `<${collection.link}>`,
  ].filter(Boolean);
  out.push(`_${meta.join(' · ')}_`);
  if (collection.summary.trim()) out.push(collection.summary.trim());
  for (const entry of collection.entries) out.push('---', entryMarkdown(entry));
  return out.join('\n\n');
}

/** A self-contained Markdown document: every entry with its content, author and link. */
export function archiveMarkdown(document: ArchiveDocument): string {
  return `${document.collections.map(collectionMarkdown).join('\n\n')}\n`;
}
