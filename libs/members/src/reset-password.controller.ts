import { Controller, Get, Header, Param } from '@nestjs/common';
import { Access } from '@app/core';

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page a reset link opens: a form that calls `resetPassword` on this server. */
@Controller('reset-password')
@Access('anyone')
export class ResetPasswordController {
  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  page(@Param('token') token: string): string {
    const safeToken = escape(token.slice(0, 200));
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Roundtable: set a new password</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto">
<h1>Set a new password</h1>
<form id="f"><input type="hidden" name="token" value="${safeToken}">
<label>New password (10 characters or more)<br><input name="password" type="password" minlength="10" required autocomplete="new-password"></label>
<p><button>Save</button></p></form><p id="out" role="status"></p>
<script>
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  const data = new FormData(e.target);
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { handle } }',
      variables: { t: data.get('token'), p: data.get('password') } }) });
  const body = await res.json();
  document.getElementById('out').textContent = body.errors ? body.errors[0].message
    : 'Done: sign in with your new password as @' + body.data.resetPassword.handle + '.';
});
</script></body></html>`;
  }
}
