import { Controller, Get, Header, Param } from '@nestjs/common';
import { Access } from '@app/core';
import { CalendarService } from './calendar.service';

/**
 * Calendar apps fetch these without a bearer token: a roundtable's file is public (title, time,
 * agenda, link), and the personal feed is protected by the secret in its address.
 */
@Controller()
@Access('anyone')
export class CalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Get('roundtables/:id.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'inline; filename="roundtable.ics"')
  @Header('Cache-Control', 'no-cache')
  roundtable(@Param('id') id: string): Promise<string> {
    return this.calendars.roundtableIcs(id);
  }

  @Get('calendar/:token.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'inline; filename="roundtable-my-sessions.ics"')
  @Header('Cache-Control', 'private, no-cache')
  @Header('Referrer-Policy', 'no-referrer')
  feed(@Param('token') token: string): Promise<string> {
    return this.calendars.personalIcs(token);
  }
}
