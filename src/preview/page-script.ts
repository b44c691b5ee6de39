/**
 * The preview page's script: reads `/api/state`, shows the email in a
 * sandboxed frame and follows `/events`. Everything from the server is
 * inserted as text, never as markup, except the email itself, which lives in
 * a frame without scripts.
 */
export const SCRIPT = `
const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value; else if (key === 'text') node.textContent = value; else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
};
const params = new URLSearchParams(location.search);
let week = params.get('week') || '';
let mode = localStorage.getItem('digest-preview-mode') || 'desktop';
let dark = localStorage.getItem('digest-preview-dark') === '1';
let state = null;
let loading = null;
let again = false;
const frame = $('#frame');

function setMode(next) {
  mode = next;
  localStorage.setItem('digest-preview-mode', mode);
  $('.stage').classList.toggle('mobile', mode === 'mobile');
  $('.stage').classList.toggle('textmode', mode === 'text');
  for (const button of document.querySelectorAll('[data-mode]')) button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
}
function setDark(next) {
  dark = next;
  localStorage.setItem('digest-preview-dark', dark ? '1' : '0');
  $('#dark').setAttribute('aria-pressed', String(dark));
  $('.stage').classList.toggle('dark', dark);
  applyDark();
}
// Dark-mode clients apply the email's prefers-color-scheme: dark rules; copy them out of their media query.
function applyDark() {
  const doc = frame.contentDocument;
  if (!doc || !doc.head) return;
  doc.getElementById('digest-force-dark')?.remove();
  if (!dark) return;
  const rules = [];
  for (const sheet of doc.styleSheets) {
    let list; try { list = sheet.cssRules; } catch { continue; }
    for (const rule of list) if (rule.media && /prefers-color-scheme:\\s*dark/.test(rule.media.mediaText)) for (const inner of rule.cssRules) rules.push(inner.cssText);
  }
  const style = doc.createElement('style');
  style.id = 'digest-force-dark';
  style.textContent = ':root{color-scheme:dark}' + rules.join('\\n');
  doc.head.append(style);
}

let frameReady = false;
function showEmail(html) {
  const withBase = html.replace(/<head([^>]*)>/i, '<head$1><base target="_blank">');
  const doc = frame.contentDocument;
  if (frameReady && doc && doc.documentElement) {
    // Swapping the document's root in place keeps the scroll position and cached images:
    // no blank frame, no jump back to the top while images load.
    const next = new DOMParser().parseFromString(withBase, 'text/html');
    doc.documentElement.replaceWith(doc.importNode(next.documentElement, true));
    applyDark();
    return;
  }
  frame.onload = () => {
    frameReady = true;
    applyDark();
  };
  frame.srcdoc = withBase;
}

function renderState(s) {
  state = s;
  $('#week').value = s.week.id;
  $('#issue').textContent = 'Issue ' + s.week.id + ' · ' + s.week.dateRange + (s.week.upcoming && !s.week.sentAt ? ' · next to send' : '');
  const status = $('#week-status');
  status.className = 'status' + (s.week.sentAt ? ' sent' : s.week.inProgress ? ' progress' : '');
  status.textContent = s.week.sentAt ? 'Sent ' + sentLabel(s.week.sentAt) : s.week.inProgress ? 'Week in progress' : '';
  status.title = s.week.sentAt ? 'Sent on ' + new Date(s.week.sentAt).toString() + '; a rebuild goes to a preview copy, the email as sent stays as it is' : s.week.inProgress ? 'This week has not ended: articles dated later still come in, and digest send waits for its end' : '';
  $('#week').classList.toggle('sent', Boolean(s.week.sentAt));
  $('#sent-weeks').replaceChildren(el('option', { value: '', text: s.sent.length ? 'Sent issues (' + s.sent.length + ')' : 'No issue sent yet' }),
    ...s.sent.map((x) => el('option', { value: x.id, text: x.id + ' · sent ' + sentLabel(x.sentAt) })));
  $('#sent-weeks').value = '';
  $('#newsletter').textContent = s.newsletter;
  document.title = (s.problems.length ? '⚠ ' : '') + s.newsletter + ' · ' + s.week.id + ' preview';
  // Measured against size.budget, what fitting aims for; Gmail's clip point is shown as context.
  const kb = s.htmlBytes / 1024;
  const budget = s.budgetBytes / 1024;
  const clip = s.clipBytes / 1024;
  const meter = $('.meter');
  meter.classList.toggle('near', kb >= budget * 0.9 && kb <= budget);
  meter.classList.toggle('over', kb > budget);
  $('.meter .fill').style.width = Math.min(100, (kb / budget) * 100) + '%';
  $('.meter .label').textContent = kb.toFixed(1) + ' KB of ' + budget.toFixed(0) + ' KB budget' +
    (kb > clip ? ' — Gmail will clip this email (over ' + clip.toFixed(0) + ' KB)' : kb > budget ? ' — over budget; Gmail clips at ' + clip.toFixed(0) + ' KB' : ' · Gmail clips at ' + clip.toFixed(0) + ' KB');
  meter.title = 'Size of the HTML part against size.budget (' + budget.toFixed(0) + ' KB); Gmail clips emails over ' + clip.toFixed(0) + ' KB';

  // Local images from this server: baseUrl's may not serve them yet. Nothing else differs from what subscribers get.
  if (s.html) { showEmail(s.html.split(s.mediaPrefix).join('/media/')); $('#text').textContent = s.text || ''; }
  renderInbox(s);
  const nothing = !s.html && s.articles.length === 0;
  $('.stage').classList.toggle('noemail', nothing);
  $('#empty').hidden = !nothing;
  $('#empty').textContent = nothing ? 'No articles in this week: nothing would be sent.' : '';

  const overlay = $('#overlay');
  overlay.hidden = s.problems.length === 0;
  const problems = $('#problems');
  problems.replaceChildren(...s.problems.map((p) => el('li', {},
    el('code', { text: (p.file || 'config') + (p.line ? ':' + p.line : '') }), ' ', p.message,
    p.hint ? el('div', { class: 'hint', text: p.hint }) : null)));

  $('#count-in').textContent = '(' + s.articles.length + ')';
  $('#included').replaceChildren(...(s.articles.length ? s.articles.map((a) => el('li', {},
    el('div', { class: 'title' }, a.featured ? el('span', { class: 'reason lead', text: 'lead story' }) : null, a.title),
    el('div', { class: 'meta', text: a.dateLabel + (a.author ? ' · ' + a.author : ' · no author') }),
    el('div', { class: 'file', text: a.file }))) : [el('li', { class: 'none', text: 'No articles dated in this week.' })]));

  $('#count-out').textContent = '(' + s.excluded.length + ')';
  $('#excluded').replaceChildren(...(s.excluded.length ? excludedItems(s.excluded) : [el('li', { class: 'none', text: 'Nothing left out.' })]));

  $('#count-checks').textContent = '(' + s.checks.length + ')';
  $('#checks').replaceChildren(...(s.checks.length ? s.checks.map((c) => el('li', { class: 'check ' + c.severity },
    el('span', { class: 'kind', text: c.check }), ' ', c.message,
    c.file ? el('div', { class: 'file', text: c.file + (c.line ? ':' + c.line : '') }) : null)) : [el('li', { class: 'none', text: 'All clear.' })]));
}

// The row an inbox lists the email as: who it is from, its subject and its preheader.
function renderInbox(s) {
  $('#inbox').hidden = !s.rendered;
  const name = s.from.name || s.from.address;
  $('#inbox-avatar').textContent = (name.match(/[\\p{L}\\p{N}]/u) || ['?'])[0].toUpperCase();
  $('#inbox-from-name').textContent = name;
  $('#inbox-from-address').textContent = s.from.name ? '<' + s.from.address + '>' : '';
  $('#inbox-subject').textContent = s.subject || '';
  $('#inbox-preheader').textContent = s.preheader || '';
  $('#inbox-source').textContent = s.issueFile ? 'from ' + s.issueFile : '';
  $('#inbox-source').title = s.issueFile ? 'Subject, preheader, lead story and note of this issue come from ' + s.issueFile : '';
  $('#inbox').title = 'From: ' + (s.from.name ? s.from.name + ' <' + s.from.address + '>' : s.from.address) + '\\nSubject: ' + (s.subject || '') + '\\nPreheader: ' + (s.preheader || '');
}

function sentLabel(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

// Most telling first: broken files, drafts, next week's, then older ones newest first; long archives are cut.
const REASON_ORDER = ['invalid', 'draft', 'after the week', 'before the week'];
const PER_REASON = 25;
function excludedItems(excluded) {
  const items = [];
  for (const reason of REASON_ORDER) {
    const group = excluded.filter((x) => x.reason === reason);
    if (reason === 'before the week') group.reverse();
    for (const x of group.slice(0, PER_REASON)) items.push(el('li', {},
      el('div', {}, el('span', { class: 'reason ' + x.reason.replace(/ /g, '-'), text: x.reason }), el('span', { class: 'title', text: x.title })),
      x.detail ? el('div', { class: 'meta', text: x.detail }) : null,
      el('div', { class: 'file', text: x.file })));
    if (group.length > PER_REASON) items.push(el('li', { class: 'none', text: 'and ' + (group.length - PER_REASON) + ' more ' + reason }));
  }
  return items;
}

async function refresh() {
  if (loading) { again = true; return loading; }
  $('.live').className = 'live busy';
  $('.live').textContent = 'Rebuilding…';
  loading = (async () => {
    try {
      const requested = week;
      const response = await fetch('/api/state' + (requested ? '?week=' + encodeURIComponent(requested) : ''));
      const body = await response.json();
      if (!response.ok) throw new Error(body.error?.message || 'preview failed');
      // The editor may have picked another week while this one was building; the queued refresh shows that one.
      if (requested === week) renderState(body);
      $('.live').className = 'live';
      $('.live').textContent = 'Live · built in ' + body.buildMs + ' ms';
    } catch (error) {
      $('.live').className = 'live down';
      $('.live').textContent = String(error.message || error);
    } finally {
      loading = null;
      if (again) { again = false; refresh(); }
    }
  })();
  return loading;
}

function goToWeek(next) {
  week = next;
  const url = new URL(location.href);
  url.searchParams.set('week', next);
  history.replaceState(null, '', url);
  refresh();
}
function shiftWeek(delta) {
  const match = /^(\\d{4})-W(\\d{2})$/.exec(week || (state ? state.week.id : ''));
  if (!match) return;
  // Thursday of the ISO week decides its year; step 7 days from it.
  const jan4 = new Date(Date.UTC(+match[1], 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (+match[2] - 1 + delta) * 7 * 864e5);
  const thursday = new Date(monday.getTime() + 3 * 864e5);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = new Date(firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * 864e5);
  const number = Math.round((monday - firstMonday) / (7 * 864e5)) + 1;
  goToWeek(year + '-W' + String(number).padStart(2, '0'));
}

async function refreshOutbox() {
  const response = await fetch('/api/outbox');
  const body = await response.json();
  $('#outbox-section').hidden = !body.capture && body.messages.length === 0;
  $('#outbox').replaceChildren(...(body.messages.length ? body.messages.slice(0, 50).map((m) => {
    const item = el('li', { tabindex: '0' },
      el('div', { class: 'title', text: m.file.replace(/\\.eml$/, '') }),
      el('div', { class: 'meta', text: (m.kind === 'test-sends' ? 'test · ' : '') + m.issue + ' · ' + (m.bytes / 1024).toFixed(1) + ' KB · ' + new Date(m.modified).toLocaleString() }));
    item.onclick = () => openMessage(m.id);
    return item;
  }) : [el('li', { class: 'none', text: 'No captured messages yet.' })]));
}

async function openMessage(id) {
  const response = await fetch('/api/outbox/message?id=' + encodeURIComponent(id));
  const message = await response.json();
  const dialog = $('#message');
  $('#message-subject').textContent = message.subject;
  const show = (what) => {
    const body = $('#message-body');
    if (what === 'headers') body.replaceChildren(el('table', {}, ...message.headers.map((h) => el('tr', {}, el('td', { text: h.name }), el('td', { text: h.value })))));
    else if (what === 'text') body.replaceChildren(el('pre', { text: message.text || '(no text part)' }));
    else { const f = el('iframe', { sandbox: 'allow-popups' }); f.srcdoc = message.html || '(no HTML part)'; body.replaceChildren(f); }
    for (const b of dialog.querySelectorAll('[data-part]')) b.setAttribute('aria-pressed', String(b.dataset.part === what));
  };
  for (const b of dialog.querySelectorAll('[data-part]')) b.onclick = () => show(b.dataset.part);
  show('html');
  dialog.showModal();
}

$('#test-form').onsubmit = async (event) => {
  event.preventDefault();
  const result = $('#test-result');
  result.textContent = 'Sending…';
  try {
    const response = await fetch('/api/send-test', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: $('#test-to').value, week: week || (state ? state.week.id : undefined) }) });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error?.message ? body.error.message + (body.error.hint ? ' — ' + body.error.hint : '') : body.error);
    localStorage.setItem('digest-preview-test-to', $('#test-to').value);
    result.textContent = 'Sent [TEST] to ' + body.to + ' via ' + body.transport + '.';
  } catch (error) {
    result.textContent = 'Not sent: ' + (error.message || error);
  }
};
$('#test-to').value = localStorage.getItem('digest-preview-test-to') || '';
for (const button of document.querySelectorAll('[data-mode]')) button.onclick = () => setMode(button.dataset.mode);
$('#dark').onclick = () => setDark(!dark);
$('#week').onchange = () => $('#week').value && goToWeek($('#week').value);
$('#sent-weeks').onchange = () => $('#sent-weeks').value && goToWeek($('#sent-weeks').value);
$('#prev').onclick = () => shiftWeek(-1);
$('#next').onclick = () => shiftWeek(1);
$('#today').onclick = () => { week = ''; history.replaceState(null, '', location.pathname); refresh(); };
$('#close-message').onclick = () => $('#message').close();

setMode(mode);
setDark(dark);
refresh();
refreshOutbox();
const events = new EventSource('/events');
events.addEventListener('change', () => refresh());
events.addEventListener('outbox', () => refreshOutbox());
events.onerror = () => { $('.live').className = 'live down'; $('.live').textContent = 'Preview server stopped — restart digest preview'; };
events.onopen = () => { if (state) refresh(); };
`;

