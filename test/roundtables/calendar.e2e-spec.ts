import ICAL from 'ical.js';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import { CANCEL, UPDATE, errorOf, inDays, quickMembers, register, schedule } from './support';

const CALENDAR_URL = `{ me { calendarUrl } }`;
const REGENERATE = `mutation { regenerateCalendarToken { handle calendarUrl } }`;

interface Fetched {
  status: number;
  contentType: string | null;
  body: string;
}

function events(ics: string): ICAL.Event[] {
  return new ICAL.Component(ICAL.parse(ics))
    .getAllSubcomponents('vevent')
    .map((vevent) => new ICAL.Event(vevent));
}

describe('roundtables: calendars', () => {
  let t: TestApp;
  let host: TestMember;
  let member: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    host = await t.signUp({ displayName: 'Hana Host' });
    member = await t.signUp({ displayName: 'Mel Member' });
  });
  afterAll(() => t?.close());

  /** Fetches a path of this server the way a calendar app does: no Authorization header. */
  async function fetchPath(path: string): Promise<Fetched> {
    const response = await fetch(`${t.url}${path}`);
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: await response.text(),
    };
  }

  /** The feed address's path (the address itself uses PUBLIC_URL, not the test port). */
  async function calendarPath(who: { accessToken: string }): Promise<string> {
    const result = await t.gql<{ me: { calendarUrl: string } }>(CALENDAR_URL, {}, who.accessToken);
    const url = result.data!.me.calendarUrl;
    expect(url.startsWith(`${t.config.publicUrl}/calendar/`)).toBe(true);
    return new URL(url).pathname;
  }

  it('serves one roundtable without a token: one VEVENT, stable UID, SEQUENCE raised on every change', async () => {
    const roundtable = await schedule(t, host, {
      title: 'Calendars, commas; and "quotes"',
      facilitatorHandles: [member.handle],
    });
    const first = await fetchPath(`/roundtables/${roundtable.id}.ics`);
    expect(first.status).toBe(200);
    expect(first.contentType).toMatch(/^text\/calendar/);
    const [event] = events(first.body);
    expect(events(first.body)).toHaveLength(1);
    expect(event.summary).toBe('Calendars, commas; and "quotes"');
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().toISOString()).toBe(roundtable.startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe(roundtable.endsAt);
    expect(event.description).toContain('1. Welcome (10 min)');
    expect(event.description).toContain('2. Dashboards (50 min)');
    const link = `${t.config.publicUrl}/roundtables/${roundtable.id}`;
    expect(event.description).toContain(link);
    expect(event.component.getFirstPropertyValue('url')).toBe(link);
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    // Title, time, agenda and link only: nobody's name.
    expect(first.body).not.toContain(host.handle);
    expect(first.body).not.toContain(member.handle);

    const moved = inDays(5);
    await t.gql(UPDATE, { id: roundtable.id, input: { startsAt: moved } }, host.accessToken);
    const [updated] = events((await fetchPath(`/roundtables/${roundtable.id}.ics`)).body);
    expect(updated.uid).toBe(event.uid);
    expect(updated.sequence).toBe(1);
    expect(updated.startDate.toJSDate().toISOString()).toBe(moved);

    await t.gql(CANCEL, { id: roundtable.id, reason: 'Clash' }, host.accessToken);
    const [cancelled] = events((await fetchPath(`/roundtables/${roundtable.id}.ics`)).body);
    expect(cancelled.uid).toBe(event.uid);
    expect(cancelled.sequence).toBe(2);
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('answers 404 for unknown roundtables and ids that are not ids', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', "x'%20OR%201=1"]) {
      const response = await fetchPath(`/roundtables/${id}.ics`);
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('gives each member a secret feed of what they hold a seat in or facilitate', async () => {
    const [reader, someone] = await quickMembers(t, 2);
    const seated = await schedule(t, host, { title: 'Seated', capacity: 2 });
    const waiting = await schedule(t, host, { title: 'Waiting', capacity: 2 });
    await schedule(t, reader, { title: 'Facilitated' });
    const cancelled = await schedule(t, host, { title: 'Cancelled later' });
    await schedule(t, host, { title: 'Unrelated' });
    await register(t, seated.id, reader);
    await register(t, cancelled.id, reader);
    const [x, y] = await quickMembers(t, 2);
    await register(t, waiting.id, x);
    await register(t, waiting.id, y);
    expect((await register(t, waiting.id, reader)).status).toBe('WAITLISTED');
    await t.gql(CANCEL, { id: cancelled.id, reason: 'Gone' }, host.accessToken);

    const path = await calendarPath(reader);
    expect(await calendarPath(reader)).toBe(path); // stable until regenerated
    const feed = await fetchPath(path);
    expect(feed.status).toBe(200);
    expect(feed.contentType).toMatch(/^text\/calendar/);
    const byTitle = new Map(events(feed.body).map((event) => [event.summary, event]));
    expect([...byTitle.keys()].sort()).toEqual(['Cancelled later', 'Facilitated', 'Seated']);
    expect(byTitle.get('Cancelled later')?.component.getFirstPropertyValue('status')).toBe(
      'CANCELLED',
    );

    // Only the member themself sees their address.
    const others = await t.gql<{ member: { calendarUrl: string | null } }>(
      `query($handle: String!) { member(handle: $handle) { calendarUrl } }`,
      { handle: reader.handle },
      someone.accessToken,
    );
    expect(others.errors).toBeUndefined();
    expect(others.data?.member.calendarUrl).toBeNull();
    expect(errorOf(await t.gql(CALENDAR_URL, {})).code).toBe('UNAUTHENTICATED');
  });

  it('regenerateCalendarToken replaces the address: the old one stops working', async () => {
    const [owner] = await quickMembers(t, 1);
    const old = await calendarPath(owner);
    expect((await fetchPath(old)).status).toBe(200);
    const result = await t.gql<{
      regenerateCalendarToken: { handle: string; calendarUrl: string };
    }>(REGENERATE, {}, owner.accessToken);
    expect(result.errors).toBeUndefined();
    const fresh = new URL(result.data!.regenerateCalendarToken.calendarUrl).pathname;
    expect(fresh).not.toBe(old);
    expect(await calendarPath(owner)).toBe(fresh);
    const gone = await fetchPath(old);
    expect(gone.status).toBe(404);
    expect(JSON.parse(gone.body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await fetchPath(fresh)).status).toBe(200);
    expect((await fetchPath('/calendar/not-a-token.ics')).status).toBe(404);
  });
});
