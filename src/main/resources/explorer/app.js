'use strict';
// The explorer: plain JS, no build step. Everything it shows comes from /api/v1 (see /api/v1/openapi.json);
// /api/v1/events (Server-Sent Events) says when something changed, and the page fetches what it needs.

const API = '/api/v1';
const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const short = (h, n = 12) => (h ? esc(h.slice(0, n)) + '…' : '');
const who = (addr, name) => (name
  ? `${esc(name)} <span class="mono muted hex">${short(addr, 8)}</span>`
  : `<span class="mono">${short(addr)}</span>`);
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const time = (ms) => new Date(ms).toLocaleTimeString();
const state = { openHash: null, tip: null, live: false, seen: new Set(), limit: 20 };

async function api(url, options = {}) {
  const r = await fetch(url, { headers: { Accept: 'application/json' }, ...options });
  const body = await r.json();
  if (!r.ok) throw new Error(`${body.error}: ${body.detail}`);
  return body;
}
const v1 = (path, options) => api(API + path, options);

// A transaction in either ledger model: the account model's sender, to and amount, or the UTXO
// model's inputs (each spending an output, named txid:index) and outputs (each to an owner).
const isUtxo = (t) => Array.isArray(t.outputs);
function payer(t) {
  if (t.coinbase) return '<i>coinbase</i> (new coins)';
  if (!isUtxo(t)) return who(t.sender, t.senderName);
  const keys = new Map();
  t.inputs.forEach((i) => keys.set(i.spender, i.spenderName));
  return [...keys].map(([a, n]) => who(a, n)).join(', ');
}
function payees(t) {
  if (!isUtxo(t)) return who(t.to, t.toName);
  return t.outputs.map((o) => `${who(o.owner, o.ownerName)} <span class="muted">${o.amount}</span>`).join('<br>');
}
const amountOf = (t) => (isUtxo(t) ? t.outputs.reduce((sum, o) => sum + o.amount, 0) : t.amount);

// ---- what the page shows ----

function renderSummary(s) {
  const tiles = [['node', s.nodeId], ['height', s.height], ['tip', s.tip.slice(0, 10) + '…'],
    ['difficulty', plural(s.difficulty, 'bit')], ['hashrate', `${s.hashrate} H/s`], ['mempool', s.mempool],
    ['peers', s.peers], ['reorgs', s.reorgs], ['orphans', s.orphans], ['mining', s.mining ? 'on' : 'on request']];
  $('#summary').innerHTML = tiles.map(([k, v]) => `<div><dt>${k}</dt><dd id="s-${k}">${esc(v)}</dd></div>`).join('');
  // one-click look-ups for the tour: the genesis accounts and this node's own (its rewards)
  const names = ['A', 'B', s.nodeId];
  if ($('#quick').dataset.names !== names.join()) {
    $('#quick').dataset.names = names.join();
    $('#quick').innerHTML = names.map((nm) => `<button type="button" class="secondary chip">${esc(nm)}</button>`).join(' ');
    $('#quick').querySelectorAll('button').forEach((b) => {
      b.onclick = () => { $('#accountform [name=account]').value = b.textContent; $('#accountform').requestSubmit(); };
    });
  }
}

async function refreshMempool() {
  const m = await v1('/mempool?limit=50');
  $('#mempool tbody').innerHTML = m.transactions.map((t) => `<tr data-id="${esc(t.id)}">
    <td class="mono">${short(t.id, 10)}</td><td>${payer(t)}</td><td>${payees(t)}</td>
    <td>${amountOf(t)}</td><td class="wide">${t.fee ?? ''}</td><td class="wide">${isUtxo(t) ? `${t.inputs.length} in` : t.nonce}</td></tr>`).join('');
  const more = m.size - m.transactions.length;
  $('#mempool-empty').textContent = m.size === 0 ? 'empty' : `… and ${more} more (${m.bytes} bytes in all)`;
  $('#mempool-empty').hidden = m.size > 0 && more === 0;
}

async function refreshChain() {
  const page = await v1(`/blocks?limit=${state.limit}`);
  $('#blocks tbody').innerHTML = page.blocks.map((b) => `<tr class="block${b.hash === state.openHash ? ' open' : ''}${
    state.seen.size && !state.seen.has(b.hash) ? ' fresh' : ''}" data-hash="${esc(b.hash)}" data-height="${b.height}">
    <td>${b.height}</td><td class="mono">${short(b.hash)}</td><td>${b.txCount}</td>
    <td>${b.height === 0 ? '<span class="muted">genesis</span>' : who(b.miner, b.minerName)}</td>
    <td class="wide">${time(b.timestamp)}</td><td class="wide">${b.difficulty}</td></tr>`).join('');
  page.blocks.forEach((b) => state.seen.add(b.hash));
  $('#older').hidden = page.next === null || state.limit >= 100; // the API pages by 100 at most
  document.querySelectorAll('#blocks tr.block').forEach((tr) => {
    tr.tabIndex = 0;
    tr.onclick = () => openBlock(tr.dataset.hash);
    tr.onkeydown = (e) => { if (e.key === 'Enter') openBlock(tr.dataset.hash); };
  });
}

async function refreshPeers() {
  const peers = await v1('/peers');
  $('#peers tbody').innerHTML = peers.map((p) => `<tr><td class="mono">${esc(p.address)}${p.boot ? ' <span class="muted">boot</span>' : ''}</td>
    <td><span class="badge ${esc(p.status)}" title="${esc(PEER_STATES[p.status] || '')}">${esc(p.status)}</span></td>
    <td>${p.nodeId ? esc(p.nodeId) : ''}${p.height !== null ? ` <span class="muted">at ${p.height}</span>` : ''}</td>
    <td class="wide muted">${esc(p.lastProblem || '')}</td></tr>`).join('');
  $('#peers-empty').hidden = peers.length > 0;
}
const PEER_STATES = {
  new: 'known, not dialled yet',
  healthy: 'the last exchange worked',
  'backing-off': 'dialling failed; the next try waits longer each time (1 s, 2 s, 4 s… up to a minute)',
  banned: 'it sent invalid data: nothing from it is accepted for a while',
};

// ---- the block tree: one column per height, one lane per branch ----

// boxes are labelled by the hash after its leading zeros (proof of work gives them all many) and the height
const COL = 78; const LANE = 44; const W = 64; const H = 28; const TOP = 18;

function layout(tree) {
  const byHash = new Map(tree.blocks.map((b) => [b.hash, b]));
  const heights = tree.blocks.filter((b) => b.height !== null).map((b) => b.height);
  const minH = Math.min(...heights); const maxH = Math.max(...heights);
  const taken = new Set(); // parents whose lane a child already continues
  const laneEnd = [Infinity]; // the last column used in each lane; lane 0 is the main chain
  // blocks come oldest first: a side block continues its parent's lane, or starts a branch in the
  // first lane free since before its column (so finished branches leave their lane to later ones)
  for (const b of tree.blocks) {
    if (b.status === 'orphan') continue;
    b.col = b.height - minH;
    if (b.status === 'main') { b.lane = 0; continue; }
    const p = byHash.get(b.previousHash);
    if (p && p.status === 'side' && !taken.has(p.hash)) {
      b.lane = p.lane; taken.add(p.hash);
    } else {
      b.lane = laneEnd.findIndex((end) => end < b.col - 1);
      if (b.lane < 0) b.lane = laneEnd.length;
    }
    laneEnd[b.lane] = b.col;
  }
  // orphans: a lane of their own below, right of everything; one follows another when it is its child
  const orphanLane = laneEnd.length;
  tree.blocks.filter((b) => b.status === 'orphan').forEach((o, i) => {
    const p = byHash.get(o.previousHash);
    o.lane = orphanLane;
    o.col = p && p.col !== undefined ? p.col + 1 : maxH - minH + 2 + i;
  });
  const lanes = orphanLane + (tree.blocks.some((b) => b.status === 'orphan') ? 1 : 0);
  return { byHash, lanes, cols: Math.max(...tree.blocks.map((b) => b.col)) + 1 };
}

async function refreshTree(moved = []) {
  const tree = await v1('/chain/tree?depth=24');
  const { byHash, lanes, cols } = layout(tree);
  const x = (b) => 8 + b.col * COL; const y = (b) => TOP + b.lane * LANE;
  const edges = tree.blocks.map((b) => {
    const p = byHash.get(b.previousHash);
    if (!p && b.status === 'orphan') { // its parent is unknown: a dangling link to "?"
      return `<path class="edge orphan" d="M${x(b) - 14},${y(b) + H / 2} L${x(b)},${y(b) + H / 2}"/>
        <text x="${x(b) - 22}" y="${y(b) + H / 2 + 4}">?</text>`;
    }
    if (!p) return '';
    return `<path class="edge ${b.status}" d="M${x(p) + W},${y(p) + H / 2} C${x(p) + W + 8},${y(p) + H / 2} ${x(b) - 8},${y(b) + H / 2} ${x(b)},${y(b) + H / 2}"/>`;
  }).join('');
  const nodes = tree.blocks.map((b) => {
    const cls = [b.status, b.hash === tree.tip ? 'tip' : '', b.hash === state.openHash ? 'open' : '', moved.includes(b.hash) ? 'moved' : ''].join(' ');
    const label = b.status === 'orphan' ? 'orphan' : `#${b.height}`;
    return `<g class="node ${cls}" data-hash="${esc(b.hash)}" transform="translate(${x(b)},${y(b)})">
      <title>${esc(b.status)} block ${esc(b.hash)}${b.status === 'orphan' ? ' — waits for its parent ' + esc(b.previousHash) : ''}</title>
      <rect width="${W}" height="${H}" rx="5"/><text x="${W / 2}" y="12" text-anchor="middle">${esc(b.hash.replace(/^0+/, '').slice(0, 6))}</text>
      <text x="${W / 2}" y="23" text-anchor="middle">${label}</text></g>`;
  }).join('');
  const width = 16 + cols * COL; const height = TOP + lanes * LANE;
  const box = $('#tree');
  const atEnd = box.scrollLeft + box.clientWidth >= box.scrollWidth - 4;
  box.innerHTML = `<svg width="${width}" height="${height}" role="img" aria-label="block tree">${edges}${nodes}</svg>`;
  if (atEnd) box.scrollLeft = box.scrollWidth;
  box.querySelectorAll('.node:not(.orphan)').forEach((g) => { g.onclick = () => openBlock(g.dataset.hash); });
}

// ---- one block, opened: the header bytes that are hashed, the target, the Merkle root, the signatures ----

function leadingZeroBits(hex) {
  let bits = 0;
  for (const c of hex) { const v = parseInt(c, 16); if (v === 0) { bits += 4; continue; } bits += Math.clz32(v) - 28; break; }
  return bits;
}
const zeros = (hex) => { const m = hex.match(/^0*/)[0]; return `<span class="zeros">${m}</span>${hex.slice(m.length)}`; };

async function openBlock(hash) {
  const b = await v1(`/blocks/${hash}`);
  renderBlock(b);
  $('#detail-card').hidden = false;
  return b;
}

function renderBlock(b) {
  // a transaction open in this block stays open when the block is drawn again (a new block, a reorg):
  // its outputs' status is read again, so an output a reorg gave back shows unspent again
  const keepTx = state.openHash === b.hash ? state.openTx : null;
  state.openTx = null;
  state.openHash = b.hash;
  history.replaceState(null, '', `#block=${b.hash}`);
  document.querySelectorAll('#blocks tr.block').forEach((tr) => tr.classList.toggle('open', tr.dataset.hash === b.hash));
  document.querySelectorAll('#tree .node').forEach((g) => g.classList.toggle('open', g.dataset.hash === b.hash));
  const where = b.status === 'main' ? `main chain · ${b.confirmations} confirmation${b.confirmations === 1 ? '' : 's'}` : 'side branch: valid, but not on the chain with the most work';
  const fields = b.headerFields;
  const bytes = fields.map((f) => `<span class="f-${esc(f.name)}" title="${esc(f.name)}: bytes ${f.offset}–${f.offset + f.size - 1}">${esc(f.hex)}</span>`).join('');
  const legend = fields.map((f) => `<tr><td><span class="swatch f-${f.name}"></span>${f.name}</td><td>${f.offset}</td><td>${f.size}</td>
    <td class="mono">${esc(f.name === 'timestamp' ? `${f.value} (${new Date(Number(f.value)).toISOString()})` : f.value)}</td><td class="wide">${esc(f.meaning)}</td></tr>`).join('');
  const hz = leadingZeroBits(b.hash); const tz = leadingZeroBits(b.target);
  const txs = b.transactions.map((t) => `<tr><td class="mono">${b.status === 'main'
    ? `<a href="#" data-tx="${esc(t.id)}" title="show its Merkle proof">${short(t.id, 10)}</a>` : short(t.id, 10)}</td>
    <td>${payer(t)}${isUtxo(t) ? ` <a href="#" data-utxo="${esc(t.id)}" title="the outputs it spends and makes">inputs → outputs</a>` : ''}</td>
    <td>${payees(t)}</td><td>${amountOf(t)}</td><td class="wide">${t.fee ?? ''}</td>
    <td>${t.signatureValid === null ? '<span class="muted">none needed</span>' : t.signatureValid
    ? '<span class="badge yes">✓ verified</span>' : '<span class="badge no">✗ invalid</span>'}</td></tr>`).join('');
  $('#blockdetail').innerHTML = `
    <h3>Block ${b.height} <span class="badge ${b.status}">${esc(where)}</span></h3>
    <table class="fields">
      <tr><td>hash</td><td class="mono">${esc(b.hash)}</td></tr>
      <tr><td>previous block</td><td class="mono"><a href="#block=${esc(b.previousHash)}" data-open="${esc(b.previousHash)}">${esc(b.previousHash)}</a></td></tr>
      ${b.nextHash ? `<tr><td>next block</td><td class="mono"><a href="#block=${esc(b.nextHash)}" data-open="${esc(b.nextHash)}">${esc(b.nextHash)}</a></td></tr>` : ''}
      <tr><td>time</td><td>${new Date(b.timestamp).toLocaleString()}</td></tr>
      <tr><td>size</td><td>${b.size} bytes, ${b.transactions.length} transaction${b.transactions.length === 1 ? '' : 's'}</td></tr>
      <tr><td>work</td><td>${esc(b.work)} expected hashes; chain work up to here ${esc(b.chainWork)}</td></tr>
    </table>
    <h4>The 88 header bytes that are hashed</h4>
    <div class="bytes" id="headerbytes">${bytes}</div>
    <table class="fields"><thead><tr><th>field</th><th>offset</th><th>bytes</th><th>value</th><th class="wide">why it is there</th></tr></thead>${legend}</table>
    <h4>Proof of work: the hash beneath the target</h4>
    <p>SHA-256(SHA-256(header bytes)) must not exceed the target set by <code>bits</code> ${esc(b.bits)}.
      ${b.hashMeetsTarget ? `<span class="badge yes">✓ it does</span>` : `<span class="badge no">✗ it does not</span>`}
      The hash starts with ${plural(hz, 'zero bit')}, the target with ${tz}: read as 256-bit numbers, the hash is ${b.hashMeetsTarget ? 'at or below the target' : 'above it'}. At this target a miner tries about 2<sup>${Math.round(b.difficulty)}</sup> nonces per block.</p>
    <div class="compare">target ${zeros(b.target)}\nhash   ${zeros(b.hash)}</div>
    <h4>Merkle root: one hash committing to every transaction</h4>
    <p class="mono">${esc(b.merkleRoot)}</p>
    <p>Recomputed by this node from the ${b.transactions.length} transaction${b.transactions.length === 1 ? '' : 's'} below:
      ${b.merkleRootMatches ? '<span class="badge yes">✓ matches</span>' : '<span class="badge no">✗ differs</span>'}</p>
    <h4>Transactions <small class="muted">signatures verified by this node (Ed25519)</small></h4>
    <table><thead><tr><th>id</th><th>from</th><th>to</th><th>amount</th><th class="wide">fee</th><th>signature</th></tr></thead>${txs}</table>
    ${b.status === 'main' ? '<p class="muted">Click a transaction id for its Merkle proof: what a light client checks.</p>' : ''}
    <div id="txdetail" data-outputs></div>
    <div id="txproof"></div>`;
  $('#blockdetail').querySelectorAll('a[data-open]').forEach((a) => { a.onclick = (e) => { e.preventDefault(); openBlock(a.dataset.open); }; });
  $('#blockdetail').querySelectorAll('a[data-tx]').forEach((a) => { a.onclick = (e) => { e.preventDefault(); openProof(a.dataset.tx); }; });
  linkUtxo($('#blockdetail'));
  if (keepTx) openUtxoTx(keepTx);
}

// ---- the UTXO model: a transaction's inputs linked to the outputs they spend (docs/concepts/accounts-and-utxos.md) ----

/** Links in {@code root}: a transaction opens in the block's panel, an output in the box beside the link's own. */
function linkUtxo(root) {
  root.querySelectorAll('a[data-utxo]').forEach((a) => { a.onclick = (e) => { e.preventDefault(); openUtxoTx(a.dataset.utxo); }; });
  root.querySelectorAll('a[data-outpoint]').forEach((a) => {
    a.onclick = (e) => { e.preventDefault(); openOutpoint(a.dataset.outpoint, a.closest('[data-outputs]').querySelector('.outpoint')); };
  });
}

const outpointLink = (o) => `<a href="#" class="mono" data-outpoint="${esc(o)}" title="the output it names">${short(o.split(':')[0], 10)}:${esc(o.split(':')[1])}</a>`;
const status = (s) => (s.status === 'unspent' ? `<span class="badge yes">unspent</span>${s.pendingSpend ? ' <small class="muted">a pending transaction spends it</small>' : ''}`
  : s.status === 'spent' ? `<span class="badge no">spent</span> by <a href="#" class="mono" data-utxo="${esc(s.spentBy)}">${short(s.spentBy, 10)}</a> at height ${s.spentAtHeight}`
    : '<span class="badge">pending</span>');

async function openUtxoTx(id) {
  const box = $('#txdetail');
  let t;
  try {
    t = await v1(`/transactions/${id}`);
  } catch (err) {
    box.innerHTML = `<p class="error">${esc(err.message)}</p>`;
    return;
  }
  // each output's status now: unspent, or spent by which transaction (a reorg can bring one back)
  const outs = await Promise.all(t.outputs.map((o) => v1(`/outpoints/${o.outpoint}`).catch(() => ({ status: 'pending' }))));
  const inputs = t.inputs.map((i) => `<tr><td>${outpointLink(i.outpoint)}</td><td>${i.amount}</td><td>${who(i.spender, i.spenderName)}</td></tr>`).join('');
  const outputs = t.outputs.map((o, k) => `<tr data-outpoint="${esc(o.outpoint)}"><td>${o.index}</td><td>${who(o.owner, o.ownerName)}</td><td>${o.amount}</td><td class="status">${status(outs[k])}</td></tr>`).join('');
  if (!box) { // opened from an account: show the block it is in, then the transaction there
    if (t.blockHash) { await openBlock(t.blockHash); return openUtxoTx(id); }
    return;
  }
  state.openTx = id;
  box.innerHTML = `<h4>Transaction <span class="mono">${short(t.id, 10)}</span> <small class="muted">txid ${short(t.txid, 10)}, what its outputs are named by</small></h4>
    ${t.coinbase ? `<p>A coinbase: no inputs; it makes the block's new coins (height ${t.coinbaseHeight}).</p>`
      : `<table id="utxo-inputs"><thead><tr><th>spends (txid:index)</th><th>amount</th><th>key of</th></tr></thead>${inputs}</table>`}
    <table id="utxo-outputs"><thead><tr><th>output</th><th>to</th><th>amount</th><th>now</th></tr></thead>${outputs}</table>
    ${t.coinbase ? '' : `<p>Inputs ${t.inputs.reduce((s, i) => s + i.amount, 0)} − outputs ${amountOf(t)} = fee ${t.fee} to the miner.</p>`}
    <div class="outpoint" id="outpoint"></div>`;
  linkUtxo(box);
}

async function openOutpoint(o, box) {
  try {
    const s = await v1(`/outpoints/${o}`);
    box.innerHTML = `<h4>Output <span class="mono">${esc(o)}</span></h4>
      <table class="fields" id="outpoint-fields">
        <tr><td>amount</td><td>${s.amount}</td></tr>
        <tr><td>owner</td><td>${who(s.owner, s.ownerName)}</td></tr>
        <tr><td>made by</td><td>${s.madeBy ? `<a href="#" class="mono" data-utxo="${esc(s.madeBy)}">${short(s.madeBy, 10)}</a>` : ''}${s.height !== undefined ? ` in block ${s.height}` : ''}${s.coinbase ? ' (a coinbase)' : ''}</td></tr>
        <tr><td>now</td><td>${status(s)}</td></tr></table>`;
    linkUtxo(box);
  } catch (err) {
    box.innerHTML = `<p class="error">${esc(err.message)}</p>`;
  }
}

// ---- a transaction's Merkle proof: the SPV check (docs/concepts/light-clients.md) ----

const hexBytes = (h) => Uint8Array.from(h.match(/../g), (x) => parseInt(x, 16));
const bytesHex = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
async function sha256d(hex) {
  const once = await crypto.subtle.digest('SHA-256', hexBytes(hex));
  return bytesHex(await crypto.subtle.digest('SHA-256', once));
}

async function openProof(id) {
  const box = $('#txproof');
  let p;
  try {
    p = await v1(`/transactions/${id}/proof`);
  } catch (err) {
    box.innerHTML = `<p class="error">${esc(err.message)}</p>`;
    return;
  }
  // fold the branch here, in the browser, when it can hash (a secure context: localhost or https)
  let mine = null;
  if (window.crypto && crypto.subtle) {
    mine = [];
    let node = p.txid;
    for (const s of p.branch) { node = await sha256d(s.side === 'left' ? s.hash + node : node + s.hash); mine.push(node); }
  }
  const path = mine || p.path;
  const rows = p.branch.map((s, i) => {
    const before = i === 0 ? p.txid : path[i - 1];
    const [l, r] = s.side === 'left' ? [s.hash, before] : [before, s.hash];
    const tag = (h, sib) => `<span class="mono">${short(h, 12)}</span>${sib ? ' <small class="muted">sibling</small>' : ''}`;
    return `<tr><td>${i + 1}</td><td>${tag(l, s.side === 'left')}</td><td>${tag(r, s.side === 'right')}</td><td class="mono">${short(path[i], 12)}</td></tr>`;
  }).join('');
  const root = path.length ? path[path.length - 1] : p.txid;
  const ok = root === p.merkleRoot;
  box.innerHTML = `<h4>Is transaction ${short(p.txid, 10)} in this block? The light client's check</h4>
    <p>Transaction at index ${p.index} of ${p.txCount} (the coinbase is 0). ${p.branch.length === 0 ? 'It is the only one: its id is the Merkle root.'
      : `${p.branch.length} sibling hash${p.branch.length === 1 ? '' : 'es'} (about log<sub>2</sub> ${p.txCount}) take its id up to the root;
      each line is SHA-256(SHA-256(left ‖ right)), ${mine ? 'recomputed here in your browser' : 'as the node computed it (this page cannot hash outside localhost or https)'}.`}</p>
    ${rows ? `<table id="proofsteps"><thead><tr><th>step</th><th>left</th><th>right</th><th>gives</th></tr></thead>${rows}</table>` : ''}
    <div class="compare">folded ${esc(root)}
header ${esc(p.merkleRoot)}</div>
    <p id="proofresult">${ok ? '<span class="badge yes">✓ the root in the header</span>' : '<span class="badge no">✗ not the header\'s root</span>'}
      and the header's hash is below its target: ${p.blockHashMeetsTarget ? '<span class="badge yes">✓ proof of work</span>' : '<span class="badge no">✗</span>'}</p>
    <div class="compare">target ${zeros(p.target)}
hash   ${zeros(p.blockHash)}</div>
    <p class="muted">A light client keeps only the 88-byte headers of the chain with the most work. With ${p.branch.length === 1 ? 'this one hash' : `these ${p.branch.length} hashes`}
      and that header it knows the transaction is in that chain, without the block and without trusting this node.</p>`;
}

// ---- forms ----

$('#txform').onsubmit = async (e) => {
  e.preventDefault();
  const q = new URLSearchParams(new FormData(e.target));
  try {
    const t = await api('/addtx?' + q);
    $('#txresult').innerHTML = `<span class="ok">accepted: ${short(t.id)} is waiting in the mempool</span>`;
  } catch (err) {
    $('#txresult').innerHTML = `<span class="error">${esc(err.message)}</span>`;
  }
  if (!state.live) refreshAll();
};

$('#mine').onclick = async () => {
  const button = $('#mine');
  button.disabled = true;
  $('#mineresult').textContent = 'mining… trying nonces';
  try {
    const b = await v1('/mine', { method: 'POST' });
    $('#mineresult').innerHTML = `<span class="ok">mined block ${b.height} (${short(b.hash)})</span>`;
  } catch (err) {
    $('#mineresult').innerHTML = `<span class="error">${esc(err.message)}</span>`;
  } finally {
    button.disabled = false;
  }
  if (!state.live) refreshAll();
};

$('#older').onclick = () => { state.limit = Math.min(100, state.limit + 20); refreshChain(); };

$('#accountform').onsubmit = async (e) => {
  e.preventDefault();
  const name = new FormData(e.target).get('account').trim();
  try {
    const a = await v1(`/accounts/${encodeURIComponent(name)}`);
    const rows = a.recent.slice(0, 10).map((t) => `<tr><td>${t.blockHeight}</td><td class="mono">${short(t.id, 10)}</td>
      <td>${payer(t)}</td><td>${payees(t)}</td><td>${amountOf(t)}</td></tr>`).join('');
    // the UTXO model keeps no balance: it is the sum of the address's unspent outputs
    const coins = a.unspentOutputs === undefined ? null : await v1(`/utxos?address=${encodeURIComponent(a.address)}`);
    const coinRows = coins ? coins.utxos.map((u) => `<tr><td>${outpointLink(u.outpoint)}</td><td>${u.amount}</td><td>${u.height}</td>
      <td>${u.mature ? '' : '<span class="muted">a reward, not yet mature</span>'}${u.pendingSpend ? '<span class="muted">spent by a pending transaction</span>' : ''}</td></tr>`).join('') : '';
    $('#account').dataset.outputs = '';
    $('#account').innerHTML = `<table class="fields">
      <tr><td>address</td><td class="mono">${esc(a.address)}</td></tr>
      <tr><td>balance</td><td id="balance"><b>${a.balance}</b> coins${coins ? ` in ${plural(a.unspentOutputs, 'unspent output')}` : ''}</td></tr>
      ${coins ? '' : `<tr><td>nonce</td><td>${a.nonce} sent and mined; the next transaction needs nonce ${a.nextNonce}</td></tr>`}
      <tr><td>pending</td><td>${a.pending.length} in the mempool</td></tr></table>
      ${coins && coinRows ? `<h4>Unspent outputs</h4><table id="account-utxos"><thead><tr><th>outpoint</th><th>amount</th><th>block</th><th></th></tr></thead>${coinRows}</table><div class="outpoint" id="account-outpoint"></div>` : ''}
      ${rows ? `<h4>Recent transactions</h4><table><thead><tr><th>block</th><th>id</th><th>from</th><th>to</th><th>amount</th></tr></thead>${rows}</table>` : ''}`;
    linkUtxo($('#account'));
  } catch (err) {
    $('#account').innerHTML = `<p class="error">${esc(err.message)}</p>`;
  }
};

// ---- live updates ----

function logEvent(kind, html) {
  const li = document.createElement('li');
  li.innerHTML = `<span class="kind">${esc(kind)}</span> ${html} <span class="muted">${new Date().toLocaleTimeString()}</span>`;
  $('#events').prepend(li);
  while ($('#events').children.length > 30) $('#events').lastChild.remove();
}

async function refreshAll(moved) {
  try {
    const s = await v1('/node');
    renderSummary(s);
    state.tip = s.tip;
    // the open block too: a new block adds a confirmation, a reorg can move it off the main chain
    const open = state.openHash ? v1(`/blocks/${state.openHash}`).then(renderBlock).catch(() => {}) : null;
    await Promise.all([refreshMempool(), refreshChain(), refreshTree(moved), refreshPeers(), open]);
  } catch (err) {
    setLive(false, 'node unreachable');
  }
}

let scheduled = null; let movedSoFar = []; let txsSinceRefresh = [];
function schedule(moved = []) { // many events in a burst: one refresh, one line for many transactions
  movedSoFar = movedSoFar.concat(moved);
  if (scheduled) return;
  scheduled = setTimeout(() => {
    scheduled = null;
    const m = movedSoFar; movedSoFar = [];
    const txs = txsSinceRefresh; txsSinceRefresh = [];
    if (txs.length > 3) logEvent('tx', `${txs.length} transactions entered the mempool`);
    else txs.forEach((t) => logEvent('tx', `${payer(t)} → ${isUtxo(t) ? payees(t).replace(/<br>/g, ', ') : who(t.to, t.toName)} ${amountOf(t)}`));
    refreshAll(m);
  }, 120);
}

function setLive(on, text) {
  state.live = on;
  $('#live').className = 'live ' + (on ? 'on' : 'off');
  $('#live').textContent = text;
}

function connect() {
  if (!window.EventSource) { setLive(false, 'polling'); return; }
  const es = new EventSource(API + '/events');
  es.addEventListener('hello', (e) => {
    const s = JSON.parse(e.data);
    setLive(true, 'live');
    renderSummary(s);
    logEvent('hello', `connected to ${esc(s.nodeId)} at height ${s.height}`);
    schedule();
  });
  es.addEventListener('tx', (e) => { txsSinceRefresh.push(JSON.parse(e.data)); schedule(); });
  es.addEventListener('block', (e) => { const b = JSON.parse(e.data); logEvent('block', `#${b.height} <span class="mono">${short(b.hash)}</span>`); schedule(); });
  es.addEventListener('tip', (e) => { const t = JSON.parse(e.data); logEvent('tip', `now #${t.height} <span class="mono">${short(t.hash)}</span>`); schedule(); });
  es.addEventListener('reorg', (e) => {
    const r = JSON.parse(e.data);
    $('#reorg').hidden = false;
    $('#reorg').innerHTML = `<b>Reorg:</b> a branch with more work arrived. The tip moved from <span class="mono">${short(r.oldTip)}</span>
      to <span class="mono">${short(r.newTip)}</span>; ${r.depth} block${r.depth === 1 ? '' : 's'} left the main chain
      (their transactions went back to the mempool, those still valid and not in the new branch).`;
    logEvent('reorg', `depth ${r.depth}`);
    schedule(r.connected.concat(r.disconnected));
  });
  es.addEventListener('rejected', (e) => { const r = JSON.parse(e.data); logEvent('rejected', `<span class="mono">${short(r.hash)}</span> ${esc(r.rule)}`); schedule(); });
  es.onerror = () => setLive(false, 'reconnecting… (polling)');
}

setInterval(() => { if (!state.live) refreshAll(); }, 3000); // fallback while the stream is down
// peers change state (backing off, banned) and the hashrate moves without any chain event
setInterval(() => { if (state.live) { refreshPeers().catch(() => {}); v1('/node').then(renderSummary).catch(() => {}); } }, 5000);
connect();
$('#accountform').requestSubmit();
refreshAll().then(() => {
  const m = location.hash.match(/^#block=([0-9a-f]{64})$/);
  if (m) openBlock(m[1]).catch(() => {});
});
