// The devnet page: polls the devnet's control API once a second and draws every node and the
// union of their block trees; the buttons call the same API the `powchain devnet` subcommands do.
'use strict';
const api = '/api/devnet';
let selected = null;
let lastStatus = null;
let lastEvent = 0;
let groupsFilled = false;
/** The tree follows the tips unless the reader scrolled back into history. */
let followTips = true;

async function call(method, path) {
  const r = await fetch(api + path, { method });
  const body = await r.json();
  if (!r.ok) throw new Error(body.detail || body.error);
  return body;
}

function say(text) { document.getElementById('message').textContent = text; }

function short(hash) { return hash ? hash.slice(0, 12) + '…' : ''; }

function groupOf(status, index) {
  const g = status.groups.findIndex(members => members.includes(index));
  return g < 0 ? '' : String(g + 1);
}

function renderNodes(status) {
  const body = document.querySelector('#nodes tbody');
  if (document.activeElement && document.activeElement.classList.contains('share')) return; // being edited
  body.replaceChildren(...status.node.map(n => {
    const tr = document.createElement('tr');
    tr.className = 'node' + (n.up ? '' : ' down') + (selected === n.index ? ' selected' : '');
    tr.dataset.node = n.id;
    const cells = [n.id, n.port, groupOf(status, n.index), n.up ? n.height : 'down', n.up ? short(n.tip) : '',
      n.up ? n.peers : '', n.up ? n.mempool : '', n.share.toFixed(2)];
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      if (i === 7) {
        const input = Object.assign(document.createElement('input'), { type: 'number', min: 0, max: 1, step: 0.05, value: c,
          className: 'share', title: `${n.id}'s share of the hashrate; the other miners are scaled to keep the sum 1` });
        input.dataset.node = n.id;
        input.addEventListener('click', e => e.stopPropagation());
        input.addEventListener('change', async () => {
          try { await call('POST', `/nodes/${n.id}/share?value=${input.value}`); say(`${n.id} now has share ${input.value}`); }
          catch (e) { say(e.message); }
          input.blur();
          refresh();
        });
        td.appendChild(input);
      } else {
        td.textContent = c;
      }
      if (i === 4) { td.className = 'hash'; td.style.color = tipColour.get(n.tip) || ''; }
      tr.appendChild(td);
    });
    tr.addEventListener('click', () => { selected = n.index; showView(); renderNodes(status); });
    return tr;
  }));
  for (const [id, pick] of [['miner', 0], ['attacker', status.nodes - 1], ['merchant', Math.min(1, status.nodes - 1)], ['pool', 0]]) {
    const select = document.getElementById(id);
    if (select.options.length !== status.node.length) {
      select.replaceChildren(...status.node.map(n => new Option(n.id, n.index)));
      select.value = pick;
    }
  }
  const groups = document.getElementById('groups');
  if (!groupsFilled) { // once: a refresh must not refill the field while someone is typing in it
    groupsFilled = true;
    const half = Math.ceil(status.nodes / 2);
    const ids = status.node.map(n => n.index);
    groups.value = ids.slice(0, half).join(',') + '|' + ids.slice(half).join(',');
  }
  document.getElementById('summary').textContent = `${status.nodes} nodes, ${status.ledger} ledger, ${status.topology} topology, seed ${status.seed}; `
    + `${status.blocksMined} blocks mined, ${status.txsSent} transfers sent`
    + (status.groups.length ? `; split into ${status.groups.map(g => g.join(',')).join(' | ')}` : '; network whole');
}

// One colour per tip, shared by the graph and the tree's tip labels: the tip most nodes are on first.
const TIP_COLOURS = ['#1a5fb4', '#e66100', '#26a269', '#9141ac', '#c64600', '#0e8a8a', '#a51d2d', '#865e3c'];
let tipColour = new Map();

function colourTips(status) {
  const count = new Map();
  status.node.filter(n => n.up).forEach(n => count.set(n.tip, (count.get(n.tip) || 0) + 1));
  const tips = [...count.keys()].sort((a, b) => count.get(b) - count.get(a) || a.localeCompare(b));
  tipColour = new Map(tips.map((t, i) => [t, TIP_COLOURS[i % TIP_COLOURS.length]]));
}

let graph = null;
let graphShown = '';

function renderGraph(status) {
  const nodes = status.node.map(n => ({
    name: n.id, value: n.up ? n.tip : 'down',
    itemStyle: { color: n.up ? tipColour.get(n.tip) : '#c0bfbc' },
    label: { show: true, formatter: n.up ? `${n.id} · ${n.height} ${n.tip.slice(0, 6)}` : `${n.id} · down` }
  }));
  // Who is linked now (gossip soon links more than the topology), not only whom the topology named.
  const links = status.graph.map(l => ({
    source: 'n' + l.a, target: 'n' + l.b, cut: l.cut,
    what: l.cut ? 'cut by the split' : !l.live ? 'a topology link, not linked now'
      : l.topology ? 'linked (a topology link)' : 'linked by gossip',
    lineStyle: l.cut ? { type: 'dashed', color: '#c01c28', width: 2.5, opacity: 1 }
      : !l.live ? { type: 'dotted', color: '#9a9996', width: 1.5, opacity: 0.8 }
      : l.topology ? { type: 'solid', color: '#5e5c64', width: 2, opacity: 0.9 }
      : { type: 'solid', color: '#9a9996', width: 1, opacity: 0.7 }
  }));
  const shown = JSON.stringify([nodes, links]);
  if (shown === graphShown) return; // an unchanged network keeps its layout still
  graphShown = shown;
  if (!graph) graph = echarts.init(document.getElementById('graph'));
  graph.setOption({
    tooltip: { formatter: p => p.dataType === 'edge' ? `${p.data.source} – ${p.data.target}: ${p.data.what}`
      : `${p.name}: ${p.value === 'down' ? 'down' : 'tip ' + p.value}` },
    series: [{
      type: 'graph', layout: 'force', roam: true, draggable: true, symbolSize: 26,
      force: { repulsion: 300, edgeLength: 80, gravity: 0.15 },
      label: { position: 'bottom', fontSize: 11 },
      data: nodes, links
    }]
  });
}

function renderTree(tree, status) {
  const running = status.node.filter(n => n.up).length;
  const blocks = tree.blocks;
  const heights = [...new Set(blocks.map(b => b.height))].sort((a, b) => a - b);
  const column = new Map(heights.map((h, i) => [h, i]));
  const rows = new Map();
  const pos = new Map();
  const W = 110, H = 46;
  blocks.forEach(b => {
    const row = rows.get(b.height) || 0;
    rows.set(b.height, row + 1);
    pos.set(b.hash, { x: 10 + column.get(b.height) * W, y: 10 + row * H });
  });
  const maxRow = Math.max(1, ...rows.values());
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('width', 20 + heights.length * W);
  svg.setAttribute('height', 30 + maxRow * H);
  blocks.forEach(b => {
    const p = pos.get(b.hash), q = pos.get(b.previousHash);
    if (q) {
      const line = document.createElementNS(svgNs, 'line');
      line.setAttribute('x1', q.x + 90); line.setAttribute('y1', q.y + 14);
      line.setAttribute('x2', p.x); line.setAttribute('y2', p.y + 14);
      line.setAttribute('stroke', '#999');
      svg.appendChild(line);
    }
  });
  blocks.forEach(b => {
    const p = pos.get(b.hash);
    const g = document.createElementNS(svgNs, 'g');
    g.setAttribute('class', 'block');
    g.dataset.hash = b.hash;
    g.dataset.tipOf = b.tipOf.join(',');
    const rect = document.createElementNS(svgNs, 'rect');
    rect.setAttribute('x', p.x); rect.setAttribute('y', p.y); rect.setAttribute('width', 90); rect.setAttribute('height', 28);
    rect.setAttribute('rx', 4);
    rect.setAttribute('fill', b.mainOf.length === running ? '#bfe6c4' : b.mainOf.length > 0 ? '#ffd8a8' : '#e0e0e0');
    rect.setAttribute('stroke', '#666');
    const title = document.createElementNS(svgNs, 'title');
    title.textContent = `${b.hash}\nheight ${b.height}\non the main chain of: ${b.mainOf.join(', ') || 'none'}\nknown to: ${b.knownTo.join(', ')}`;
    const text = document.createElementNS(svgNs, 'text');
    text.setAttribute('x', p.x + 5); text.setAttribute('y', p.y + 18); text.setAttribute('font-size', 11);
    text.textContent = `${b.height} ${b.hash.slice(0, 8)}`;
    g.append(rect, title, text);
    if (b.tipOf.length) {
      const tips = document.createElementNS(svgNs, 'text');
      tips.setAttribute('x', p.x + 2); tips.setAttribute('y', p.y + 40); tips.setAttribute('font-size', 10);
      tips.setAttribute('fill', tipColour.get(b.hash) || '#1a5fb4');
      tips.textContent = b.tipOf.join(' ');
      g.appendChild(tips);
    }
    svg.appendChild(g);
  });
  const box = document.getElementById('tree');
  box.replaceChildren(svg);
  if (followTips) box.scrollLeft = box.scrollWidth; // the newest heights, where forks happen, in view
}

function renderEvents(events) {
  const list = document.getElementById('events');
  for (const e of events) {
    const li = document.createElement('li');
    li.className = 'event ' + e.kind;
    li.textContent = `${new Date(e.time).toLocaleTimeString()}  ${e.text}`;
    list.prepend(li);
    lastEvent = e.seq;
  }
  while (list.children.length > 200) list.lastChild.remove();
}

async function showView() {
  if (selected === null || !lastStatus) return;
  const n = lastStatus.node[selected];
  const view = document.getElementById('view');
  view.hidden = false;
  document.getElementById('view-title').textContent = `${n.id}'s view (port ${n.port})`;
  if (!n.up) {
    document.getElementById('view-blocks').replaceChildren(Object.assign(document.createElement('li'), { textContent: 'down' }));
    return;
  }
  try {
    const tree = await call('GET', `/nodes/${n.id}/tree?depth=20`);
    document.getElementById('view-blocks').replaceChildren(...tree.blocks.slice().reverse().map(b => {
      const li = document.createElement('li');
      li.textContent = `height ${b.height ?? '?'} ${short(b.hash)} ${b.status}${b.hash === tree.tip ? ' (tip)' : ''}`;
      return li;
    }));
  } catch (e) { say(e.message); }
}

async function refresh() {
  try {
    const status = await call('GET', '');
    lastStatus = status;
    colourTips(status);
    renderNodes(status);
    renderGraph(status);
    renderTree(await call('GET', '/tree?depth=30'), status);
    renderEvents(await call('GET', '/events?since=' + lastEvent));
    if (selected !== null) showView();
  } catch (e) { say('devnet not answering: ' + e.message); }
}

function action(id, run) {
  document.getElementById(id).addEventListener('click', async () => {
    const button = document.getElementById(id);
    button.disabled = true;
    try { say(await run()); await refresh(); } catch (e) { say(e.message); } finally { button.disabled = false; }
  });
}

action('split', async () => {
  const groups = document.getElementById('groups').value;
  await call('POST', '/split?groups=' + encodeURIComponent(groups));
  return 'split into ' + groups;
});
action('heal', async () => { await call('POST', '/heal'); return 'healed: every node syncs to the branch with the most work'; });
action('mine', async () => {
  const node = document.getElementById('miner').value;
  const k = document.getElementById('blocks').value || 1;
  const r = await call('POST', `/nodes/${node}/mine?blocks=${k}`);
  return `n${node} mined ${r.mined.length} block(s)`;
});

action('double-spend', async () => {
  const a = document.getElementById('attacker').value, m = document.getElementById('merchant').value;
  say('double spend running: watch the tree and the events below…');
  const r = await call('POST', `/attacks/double-spend?attacker=${a}&merchant=${m}&confirmations=${document.getElementById('attack-z').value}`
    + `&share=${document.getElementById('attack-share').value}`);
  return `double spend: ${r.outcome}; predicted ${r.predicted.rosenfeld.toPrecision(3)} (Rosenfeld). ${r.why}`;
});
action('eclipse', async () => {
  const a = document.getElementById('attacker').value, v = document.getElementById('merchant').value;
  say('eclipse running: watch the tree and the events below…');
  const r = await call('POST', `/attacks/eclipse?victim=${v}&attacker=${a}&confirmations=${document.getElementById('attack-z').value}`);
  return `eclipse: ${r.outcome}, victim isolated: ${r.isolated}; predicted: reversed in ${r.predicted.reversed} of`
    + ` ${r.predicted.simulatedAttacks} simulated attacks. ${r.why}`;
});

action('selfish', async () => {
  const pool = document.getElementById('pool').value;
  say('selfish mining running: watch the tree and the events below…');
  const r = await call('POST', `/attacks/selfish?pool=${pool}&share=${document.getElementById('pool-share').value}`
    + `&gamma=${document.getElementById('pool-gamma').value}&blocks=${document.getElementById('pool-blocks').value}`);
  const p = r.predicted;
  return `selfish mining: ${r.pool} has ${r.poolMainChainBlocks} of ${r.mainChainBlocks} main-chain blocks (${r.poolRevenueShare})`
    + ` with share ${r.share}; ${r.staleBlocks} stale, ${r.reorgs} reorgs. Predicted ${p.closedForm} (Eyal and Sirer),`
    + ` runs this long ${p.runsOfThisLength[0]}–${p.runsOfThisLength[2]}. ${r.why}`;
});

document.getElementById('tree').addEventListener('scroll', e => {
  const box = e.target;
  followTips = box.scrollLeft + box.clientWidth >= box.scrollWidth - 30;
});

refresh();
setInterval(refresh, 1000);
