'use strict';
const $ = (s) => document.querySelector(s);
const short = (h) => h.slice(0, 12) + '…';
const who = (addr, name) => name ? `${name} <span class="mono">(${addr.slice(0, 8)}…)</span>` : `<span class="mono">${addr.slice(0, 12)}…</span>`;
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await r.json();
  if (!r.ok) throw new Error(`${body.error}: ${body.detail}`);
  return body;
}

async function refresh() {
  const s = await getJson('/');
  $('#summary').textContent = `node ${s.nodeId} · height ${s.height} · difficulty ${s.difficulty} bits · mempool ${s.mempool} · peers ${s.peers} · ${s.mining ? 'mining' : 'not mining'} · ${s.hashrate} H/s`;
  const mem = await getJson('/getmempool');
  $('#mempool tbody').innerHTML = mem.map((t) => `<tr><td class="mono">${short(t.id)}</td><td>${who(t.sender, t.senderName)}</td><td>${who(t.to, t.toName)}</td><td>${t.amount}</td><td>${t.fee}</td><td>${t.nonce}</td></tr>`).join('');
  const from = Math.max(0, s.height - 19);
  const blocks = (await getJson(`/getblockchain?from=${from}&limit=20`)).reverse();
  $('#blocks tbody').innerHTML = blocks.map((b) => `<tr class="block" data-height="${b.height}"><td>${b.height}</td><td class="mono">${short(b.hash)}</td><td>${b.transactions.length}</td><td>${new Date(b.timestamp).toLocaleTimeString()}</td><td>${b.difficulty}</td></tr>`).join('');
  document.querySelectorAll('tr.block').forEach((tr) => tr.onclick = () => openBlock(tr.dataset.height));
}

async function openBlock(height) {
  const [b] = await getJson(`/getblockchain?from=${height}&limit=1`);
  const rows = [['hash', b.hash], ['height', b.height], ['previous hash', b.previousHash], ['Merkle root', b.merkleRoot],
    ['timestamp', `${b.timestamp} (${new Date(b.timestamp).toISOString()})`], ['bits', b.bits], ['target', b.target],
    ['nonce', b.nonce], ['header bytes (hashed twice with SHA-256)', b.headerHex]];
  $('#blockdetail').innerHTML = `<h3>Block ${b.height}</h3><table class="fields">${rows.map(([k, v]) => `<tr><td>${k}</td><td class="mono">${esc(v)}</td></tr>`).join('')}</table>
    <h4>Transactions</h4><table><tr><th>id</th><th>from</th><th>to</th><th>amount</th><th>fee</th></tr>${b.transactions.map((t) => `<tr><td class="mono">${short(t.id)}</td><td>${t.coinbase ? 'coinbase (new coins)' : who(t.sender, t.senderName)}</td><td>${who(t.to, t.toName)}</td><td>${t.amount}</td><td>${t.fee}</td></tr>`).join('')}</table>`;
}

$('#txform').onsubmit = async (e) => {
  e.preventDefault();
  const q = new URLSearchParams(new FormData(e.target));
  try {
    const t = await getJson('/addtx?' + q);
    $('#txresult').innerHTML = `<span class="ok">accepted: ${short(t.id)}</span>`;
  } catch (err) {
    $('#txresult').innerHTML = `<span class="error">${esc(err.message)}</span>`;
  }
  refresh();
};

$('#mine').onclick = async () => {
  $('#mineresult').textContent = 'mining…';
  try {
    const b = await getJson('/mine');
    $('#mineresult').innerHTML = `<span class="ok">mined block ${b.height} (${short(b.hash)})</span>`;
  } catch (err) {
    $('#mineresult').innerHTML = `<span class="error">${esc(err.message)}</span>`;
  }
  refresh();
};

refresh();
setInterval(refresh, 2000);
