import { escapeHtml } from '../util/html.js';

/** A small, self-contained HTML page for the public endpoints. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>
body{margin:0;font:16px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2328;background:#f3f4f6}
main{max-width:520px;margin:12vh auto;background:#fff;border-radius:10px;padding:32px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:22px;margin:0 0 12px} p{margin:0 0 16px;color:#59636e}
button{font:inherit;background:#1f2328;color:#fff;border:0;border-radius:6px;padding:10px 18px;cursor:pointer}
a{color:#0b5cad} li{margin:6px 0}
</style></head><body><main>${body}</main></body></html>`;
}

/** GET of an unsubscribe link: asks before doing anything, so link scanners unsubscribe no one. */
export function confirmPage(newsletter: string, email: string): string {
  return page(
    `Unsubscribe from ${newsletter}`,
    `<h1>Unsubscribe from ${escapeHtml(newsletter)}?</h1>
<p>${escapeHtml(email)} will stop receiving ${escapeHtml(newsletter)}.</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );
}

/** After a successful unsubscribe. */
export function donePage(newsletter: string, email: string): string {
  return page(
    'Unsubscribed',
    `<h1>You are unsubscribed</h1><p>${escapeHtml(email)} will not receive ${escapeHtml(newsletter)} any more.</p>`,
  );
}

/** A refusal (bad link, too many requests…), with what to do. */
export function errorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

/** The archive's index: every sent issue, newest first. */
export function archiveIndexPage(newsletter: string, issues: { id: string; subject: string }[]): string {
  const items = issues.map((issue) => `<li><a href="/archive/${encodeURIComponent(issue.id)}">${escapeHtml(issue.subject)}</a></li>`);
  return page(
    `${newsletter} archive`,
    `<h1>${escapeHtml(newsletter)}</h1>${items.length ? `<ul>${items.join('')}</ul>` : '<p>No issues have been sent yet.</p>'}`,
  );
}

/** The answer to every accepted sign-up, whether or not the address was already on the list. */
export function checkInboxPage(newsletter: string): string {
  return page(
    'Check your inbox',
    `<h1>Check your inbox</h1><p>If the address can receive ${escapeHtml(newsletter)}, a message with a confirmation link is on its way. Open it to confirm your subscription.</p>`,
  );
}

/** GET of a confirmation link: asks before doing anything, so link scanners confirm no one. */
export function confirmSignUpPage(newsletter: string, email: string): string {
  return page(
    `Confirm your subscription to ${newsletter}`,
    `<h1>Subscribe to ${escapeHtml(newsletter)}?</h1>
<p>${escapeHtml(email)} will receive ${escapeHtml(newsletter)}.</p>
<form method="post"><button type="submit">Confirm subscription</button></form>`,
  );
}

/** After a confirmed sign-up. */
export function subscribedPage(newsletter: string, email: string): string {
  return page('Subscribed', `<h1>You are subscribed</h1><p>${escapeHtml(email)} will receive ${escapeHtml(newsletter)}.</p>`);
}
