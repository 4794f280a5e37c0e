import type { PublishedRecord } from '@app/roundtables';
import { RecapContent, RecapMoment, RecapPerson } from './recap.entity';

/** How many of the most reacted transcript moments a draft keeps. */
export const MOMENTS = 5;

type Ref = { handle: string; displayName: string } | null | undefined;

/**
 * A recap's first draft from a session's record: agenda items as sections holding the most
 * reacted moments of the transcript, pinned takeaways, answered questions with their answers,
 * unanswered ones, poll results and attendance numbers. Under the Chatham House rule nothing
 * carries a name, whatever the record holds.
 */
export function buildRecap(record: PublishedRecord, chathamHouse: boolean): RecapContent {
  const person = (ref: Ref): RecapPerson | null =>
    chathamHouse || !ref ? null : { handle: ref.handle, displayName: ref.displayName };

  const reactions = new Map<number, number>();
  for (const tally of record.reactions) {
    if (tally.seq !== null) reactions.set(tally.seq, (reactions.get(tally.seq) ?? 0) + tally.count);
  }
  const moments: RecapMoment[] = record.transcript
    .filter((message) => (reactions.get(message.seq) ?? 0) > 0)
    .map((message) => ({
      seq: message.seq,
      text: message.text,
      sentAt: message.sentAt,
      reactions: reactions.get(message.seq) ?? 0,
      author: person(message.author),
    }))
    .sort((a, b) => b.reactions - a.reactions || a.seq - b.seq)
    .slice(0, MOMENTS)
    .sort((a, b) => a.seq - b.seq);

  const sections: RecapContent['sections'] = record.agenda.length
    ? record.agenda.map((item) => ({
        title: item.title,
        startedAt: item.startedAt,
        endedAt: item.endedAt,
        moments: [],
      }))
    : [
        {
          title: 'The conversation',
          startedAt: record.startedAt,
          endedAt: record.endedAt,
          moments: [],
        },
      ];
  for (const moment of moments) sectionOf(sections, moment.sentAt).moments.push(moment);

  const questions = [...record.questions].sort((a, b) => b.voteCount - a.voteCount);
  return {
    sections,
    takeaways: record.takeaways
      .filter((takeaway) => takeaway.pinned !== false)
      .map((takeaway) => ({ text: takeaway.text, author: person(takeaway.author) })),
    answeredQuestions: questions
      .filter((q) => q.answered)
      .map((q) => ({
        id: q.id,
        text: q.text,
        answer: q.answer,
        votes: q.voteCount,
        author: person(q.author),
      })),
    unansweredQuestions: questions
      .filter((q) => !q.answered)
      .map((q) => ({ id: q.id, text: q.text, votes: q.voteCount, author: person(q.author) })),
    polls: record.polls.map((poll) => ({
      question: poll.question,
      total: poll.total,
      options: poll.options.map((o) => ({ text: o.text, votes: o.votes, percent: o.percent })),
    })),
    attendance: {
      joinedCount: record.attendance.joinedCount,
      minutesPresent: record.attendance.minutesPresent,
    },
  };
}

/** The agenda item running when `at` happened: the last one started by then, else the first. */
function sectionOf(sections: RecapContent['sections'], at: string) {
  const time = Date.parse(at);
  let found = sections[0];
  for (const section of sections) {
    if (section.startedAt && Date.parse(section.startedAt) <= time) found = section;
  }
  return found;
}
