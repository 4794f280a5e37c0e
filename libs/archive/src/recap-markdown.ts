import { RecapContent, RecapPerson } from './recap.entity';

interface RecapLike {
  summary: string;
  chathamHouse: boolean;
  content: RecapContent;
}

const by = (person: RecapPerson | null) => (person ? ` — ${person.displayName}` : '');
const quote = (text: string) => text.replace(/\n/g, '\n> ');
const time = (iso: string | null) => (iso ? iso.slice(11, 16) : '');

/**
 * A recap as one markdown document: the curator's summary, then the agenda's sections with the
 * most reacted moments, takeaways, answered questions, polls, open questions and attendance.
 * Names appear only where the recap stored them (never for Chatham House sessions).
 */
export function recapMarkdown(recap: RecapLike): string {
  const { content } = recap;
  const out: string[] = [];
  if (recap.summary.trim()) out.push(recap.summary.trim());
  if (recap.chathamHouse) out.push('_Held under the Chatham House rule: no names are given._');
  if (content.sections.length) {
    out.push('## Agenda');
    content.sections.forEach((section, i) => {
      const span = section.startedAt
        ? ` (${time(section.startedAt)}–${time(section.endedAt)} UTC)`
        : '';
      out.push(`### ${i + 1}. ${section.title}${span}`);
      for (const moment of section.moments) {
        out.push(`> ${quote(moment.text)}${by(moment.author)} (${moment.reactions} reactions)`);
      }
    });
  }
  if (content.takeaways.length) {
    out.push('## Takeaways', content.takeaways.map((t) => `- ${t.text}${by(t.author)}`).join('\n'));
  }
  if (content.answeredQuestions.length) {
    out.push('## Questions answered');
    for (const q of content.answeredQuestions) {
      out.push(
        `**Q:** ${q.text}${by(q.author)} (${q.votes} votes)\n\n**A:** ${q.answer ?? '_answered in the room_'}`,
      );
    }
  }
  if (content.polls.length) {
    out.push('## Polls');
    for (const poll of content.polls) {
      const options = poll.options.map((o) => `- ${o.text}: ${o.votes} (${o.percent}%)`);
      out.push(`**${poll.question}** (${poll.total} votes)\n${options.join('\n')}`);
    }
  }
  if (content.unansweredQuestions.length) {
    out.push(
      '## Still open',
      content.unansweredQuestions.map((q) => `- ${q.text} (${q.votes} votes)`).join('\n'),
    );
  }
  const { joinedCount, minutesPresent } = content.attendance;
  out.push(
    `## Attendance\n${joinedCount} members joined, ${minutesPresent} minutes present together.`,
  );
  return out.join('\n\n');
}
