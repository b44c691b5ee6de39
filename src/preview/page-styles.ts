/** Styles of the preview page (plain CSS, inlined into the page). */
export const STYLES = `
:root { --bg:#f3f4f6; --panel:#fff; --ink:#1f2328; --muted:#59636e; --line:#d8dee4; --accent:#0b5cad; --warn:#9a6700; --bad:#cf222e; --ok:#1a7f37; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif; color:var(--ink); background:var(--bg); height:100vh; display:grid; grid-template-rows:auto 1fr; }
header { display:flex; flex-wrap:wrap; gap:12px 18px; align-items:center; padding:10px 16px; background:var(--panel); border-bottom:1px solid var(--line); }
header h1 { font-size:15px; margin:0; }
header .issue { color:var(--muted); }
.group { display:flex; gap:4px; align-items:center; }
button, input { font:inherit; }
button { border:1px solid var(--line); background:var(--panel); border-radius:6px; padding:4px 10px; cursor:pointer; color:var(--ink); }
button[aria-pressed="true"] { background:var(--ink); color:#fff; border-color:var(--ink); }
input[type=week], input[type=email] { border:1px solid var(--line); border-radius:6px; padding:3px 8px; }
.meter { display:flex; align-items:center; gap:8px; }
.meter .bar { width:110px; height:8px; border-radius:4px; background:#e4e7eb; overflow:hidden; }
.meter .fill { height:100%; background:var(--ok); }
.meter.near .fill { background:var(--warn); } .meter.over .fill { background:var(--bad); }
.meter.over .label { color:var(--bad); font-weight:600; }
.live { margin-left:auto; color:var(--muted); display:flex; align-items:center; gap:6px; }
.live::before { content:""; width:8px; height:8px; border-radius:50%; background:var(--ok); }
.live.busy::before { background:var(--warn); } .live.down::before { background:var(--bad); }
main { display:grid; grid-template-columns:1fr 380px; min-height:0; }
.stage { position:relative; overflow:auto; padding:24px; display:flex; flex-direction:column; align-items:center; gap:12px; transition:background .2s; }
.inbox { display:flex; gap:12px; align-items:center; width:680px; background:#fff; border-radius:6px; padding:10px 14px; box-shadow:0 1px 3px rgba(0,0,0,.12); }
.mobile .inbox { width:375px; } .textmode .inbox { width:calc(72ch + 56px); }
.inbox .avatar { flex:none; width:36px; height:36px; border-radius:50%; background:var(--accent); color:#fff; font-weight:600; display:flex; align-items:center; justify-content:center; }
.inbox .lines { min-width:0; flex:1; }
.inbox .from { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.inbox .name { font-weight:600; } .inbox .address { color:var(--muted); font-size:12px; }
.inbox .subject-line { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.inbox .subject { font-weight:600; }
.inbox .preheader { color:var(--muted); }
.inbox .source { flex:none; align-self:flex-start; color:var(--muted); font-size:11px; font-family:ui-monospace,Menlo,monospace; max-width:30%; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
.inbox .source:empty, .mobile .inbox .source { display:none; }
.reason.lead { background:#ddf4ff; color:var(--accent); } .inbox .preheader:not(:empty)::before { content:" — "; }
.stage.dark .inbox { background:#161b22; color:#e6edf3; } .stage.dark .inbox .address, .stage.dark .inbox .preheader { color:#9da7b3; }
/* Phones list the sender, the subject and two lines of preheader, one under the other. */
.mobile .inbox { align-items:flex-start; }
.mobile .inbox .subject, .mobile .inbox .preheader { display:block; overflow:hidden; text-overflow:ellipsis; }
.mobile .inbox .subject-line { white-space:normal; }
.mobile .inbox .subject { white-space:nowrap; }
.mobile .inbox .preheader { display:-webkit-box; -webkit-line-clamp:2; -webkit-box-orient:vertical; }
.mobile .inbox .preheader::before { content:none !important; }
.noemail .inbox, .inbox[hidden] { display:none !important; }
.stage.dark { background:#0d1117; }
#frame { border:0; background:#fff; width:680px; height:calc(100vh - 190px); box-shadow:0 1px 3px rgba(0,0,0,.12),0 8px 24px rgba(0,0,0,.06); border-radius:6px; }
.mobile #frame { width:375px; border-radius:18px; }
#text { display:none; white-space:pre-wrap; font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; background:#fff; padding:24px 28px; width:calc(72ch + 56px); margin:0; border-radius:6px; box-shadow:0 1px 3px rgba(0,0,0,.12); }
.textmode #frame { display:none; } .textmode #text { display:block; }
.noemail #frame, .noemail #text { display:none !important; }
.stage.dark #text { background:#161b22; color:#e6edf3; }
.empty { color:var(--muted); padding:48px; text-align:center; }
.overlay { position:absolute; inset:12px 12px auto 12px; z-index:2; background:#fff5f5; border:1px solid #ffc1c0; border-left:4px solid var(--bad); border-radius:8px; padding:14px 16px; box-shadow:0 8px 24px rgba(0,0,0,.15); }
.overlay h2 { margin:0 0 8px; font-size:15px; color:var(--bad); }
.overlay li { margin:6px 0; } .overlay code { font-weight:600; } .overlay .hint { color:var(--muted); }
aside { background:var(--panel); border-left:1px solid var(--line); overflow:auto; padding:4px 16px 24px; }
aside h2 { font-size:12px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); margin:18px 0 8px; }
aside ol, aside ul { margin:0; padding:0; list-style:none; }
aside li { padding:7px 0; border-top:1px solid #eef0f2; }
.title { font-weight:600; } .meta, .file { color:var(--muted); font-size:12px; } .file { font-family:ui-monospace,Menlo,monospace; word-break:break-all; }
.reason { display:inline-block; font-size:11px; font-weight:600; text-transform:uppercase; letter-spacing:.03em; padding:1px 6px; border-radius:10px; background:#eef0f2; color:var(--muted); margin-right:6px; }
.reason.draft { background:#fff8c5; color:#7d4e00; } .reason.invalid { background:#ffebe9; color:var(--bad); }
.check { color:var(--warn); } .check .kind { font-weight:600; }
.check.error { color:var(--bad); } .check.info { color:var(--muted); }
.status { font-size:12px; font-weight:600; padding:2px 8px; border-radius:10px; }
.status:empty { display:none; }
.status.sent { background:#dafbe1; color:var(--ok); } .status.progress { background:#fff8c5; color:#7d4e00; }
input[type=week].sent { border-color:var(--ok); box-shadow:inset 0 0 0 1px var(--ok); }
select { font:inherit; border:1px solid var(--line); border-radius:6px; padding:3px 6px; background:var(--panel); color:var(--ink); }
#sent-weeks { width:11em; }
.none { color:var(--muted); font-style:italic; }
form.test { display:flex; gap:6px; } form.test input { flex:1; min-width:0; }
#test-result { font-size:12px; margin-top:6px; color:var(--muted); }
#outbox li { cursor:pointer; } #outbox li:hover .title { color:var(--accent); }
dialog { width:min(900px,92vw); height:86vh; border:1px solid var(--line); border-radius:10px; padding:0; }
dialog .head { padding:12px 16px; border-bottom:1px solid var(--line); display:flex; gap:8px; align-items:center; }
dialog .head strong { flex:1; }
dialog .body { height:calc(86vh - 56px); overflow:auto; }
dialog table { border-collapse:collapse; font-size:12px; margin:12px 16px; } dialog td { padding:2px 8px; vertical-align:top; border-bottom:1px solid #eef0f2; word-break:break-all; }
dialog iframe { width:100%; height:100%; border:0; } dialog pre { margin:16px; white-space:pre-wrap; }
`;

