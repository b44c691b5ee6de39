/** The preview's single page: its markup, with the styles and script of page-styles.ts and page-script.ts inlined. */
import { SCRIPT } from './page-script.js';
import { STYLES } from './page-styles.js';

/** The HTML of the preview page. */
export function previewPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Digest preview</title>
<style>${STYLES}</style>
</head>
<body>
<header>
  <h1 id="newsletter">Digest preview</h1>
  <span class="issue" id="issue"></span>
  <div class="group" role="group" aria-label="Week">
    <button id="prev" title="Previous week" aria-label="Previous week">◀</button>
    <input type="week" id="week" aria-label="Week">
    <button id="next" title="Next week" aria-label="Next week">▶</button>
    <button id="today" title="The week the next scheduled run sends">Upcoming</button>
    <select id="sent-weeks" aria-label="Weeks already sent"></select>
  </div>
  <span class="status" id="week-status" role="status"></span>
  <div class="group" role="group" aria-label="View">
    <button data-mode="desktop">Desktop</button>
    <button data-mode="mobile">Mobile</button>
    <button data-mode="text">Plain text</button>
    <button id="dark" title="Show the email as dark-mode clients do">Dark</button>
  </div>
  <div class="meter" title="Size of the HTML part against size.budget"><div class="bar"><div class="fill"></div></div><span class="label">0.0 KB</span></div>
  <span class="live busy">Connecting…</span>
</header>
<main>
  <section class="stage">
    <div class="overlay" id="overlay" hidden role="alert"><h2>This issue has problems</h2><ul id="problems"></ul></div>
    <div class="empty" id="empty" hidden></div>
    <div class="inbox" id="inbox" role="group" aria-label="As the inbox lists it" hidden>
      <div class="avatar" id="inbox-avatar" aria-hidden="true"></div>
      <div class="lines">
        <div class="from"><span class="name" id="inbox-from-name"></span> <span class="address" id="inbox-from-address"></span></div>
        <div class="subject-line"><span class="subject" id="inbox-subject"></span><span class="preheader" id="inbox-preheader"></span></div>
      </div>
      <div class="source" id="inbox-source"></div>
    </div>
    <iframe id="frame" title="Email as subscribers see it" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>
    <pre id="text" aria-label="Plain-text part"></pre>
  </section>
  <aside>
    <h2>In this issue <span id="count-in"></span></h2>
    <ol id="included"></ol>
    <h2>Left out <span id="count-out"></span></h2>
    <ul id="excluded"></ul>
    <h2>Checks <span id="count-checks"></span></h2>
    <ul id="checks"></ul>
    <h2>Send me a test</h2>
    <form class="test" id="test-form"><input type="email" id="test-to" placeholder="you@example.com" required aria-label="Test address"><button>Send</button></form>
    <div id="test-result" role="status"></div>
    <div id="outbox-section" hidden>
      <h2>Outbox (captured, not delivered)</h2>
      <ul id="outbox"></ul>
    </div>
  </aside>
</main>
<dialog id="message">
  <div class="head"><strong id="message-subject"></strong>
    <button data-part="html">HTML</button><button data-part="text">Text</button><button data-part="headers">Headers</button>
    <button id="close-message">Close</button></div>
  <div class="body" id="message-body"></div>
</dialog>
<script>${SCRIPT}</script>
</body>
</html>`;
}
