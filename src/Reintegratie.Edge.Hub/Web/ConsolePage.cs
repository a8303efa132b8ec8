using System.Net;

namespace Reintegratie.Edge.Hub.Web;

/// <summary>The console's HTML (one page, no external resources: the console runs on closed networks).</summary>
public static class ConsolePage
{
    private const string Style = """
        <style>
        body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
        header{background:#13294b;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center}
        header h1{font-size:1.1rem;margin:0;flex:1} main{padding:1rem;display:grid;gap:1rem}
        section{background:#fff;border-radius:6px;padding:.6rem 1rem;box-shadow:0 1px 2px #0002}
        h2{font-size:1rem;margin:.2rem 0 .6rem} table{border-collapse:collapse;width:100%} td,th{padding:.3rem .4rem;border-bottom:1px solid #e3e5ea;text-align:left;font-size:.9rem}
        .critical{background:#fde2e1}.high{background:#fff0d9}.journal_discontinuity td{font-weight:600}
        .offline{background:#fde2e1;border-left:4px solid #b3261e} .bypass{background:#fff7cc}
        #map .zone{fill:#dfe7f2;stroke:#13294b;stroke-width:1} #map .zone.alerted{fill:#f4b4ae;stroke:#b3261e;stroke-width:2}
        #map .zone.bypassed{stroke:#c9a400;stroke-dasharray:4 2;stroke-width:2} #map .geofence{fill:none;stroke:#667;stroke-dasharray:2 3} button{cursor:pointer} .muted{color:#667}
        </style>
        """;

    /// <summary>The login form, with an optional error line.</summary>
    public static string Login(string? error) => $"""
        <!doctype html><html lang="nl"><head><meta charset="utf-8"><title>BIV-hub: inloggen</title>{Style}</head>
        <body><header><h1>BIV-hub Reintegratie.Edge</h1></header><main><section>
        <h2>Inloggen</h2>{(error is null ? string.Empty : $"<p role=alert>{WebUtility.HtmlEncode(error)}</p>")}
        <form method="post" action="/login"><p><label>Naam <input name="name" autocomplete="username" required></label></p>
        <p><label>Wachtwoord <input name="password" type="password" autocomplete="current-password" required></label></p>
        <p><button type="submit">Inloggen</button></p></form></section></main></body></html>
        """;

    /// <summary>The console.</summary>
    public static string Main { get; } = """
        <!doctype html><html lang="nl"><head><meta charset="utf-8"><title>BIV-hub: actieve meldingen</title>
        <!--style--></head>
        <body><header><h1>BIV-hub: actieve meldingen van alle PI's</h1>
        <label>Locatie <select id="site"><option value="">alle</option></select></label>
        <label>Soort <select id="kind"><option value="">alle</option></select></label>
        <span id="live" class="muted">verbinden…</span> <button id="logout" type="button">Uitloggen</button></header>
        <main>
        <section id="offline-box" hidden><h2>Gateways offline</h2><ul id="offline"></ul></section>
        <section id="bypass-box" hidden><h2>Overbrugde zones (onderhoud: geen meldingen behalve sabotage, uitval en storing)</h2><table><thead><tr><th>Locatie</th><th>Zone</th><th>Tot</th><th>Sinds</th><th>Goedgekeurd door</th><th>Reden</th></tr></thead>
        <tbody id="bypasses"></tbody></table></section>
        <section><h2>Actieve meldingen</h2><table><thead><tr><th>Ernst</th><th>Locatie</th><th>Soort</th><th>Titel</th><th>Zones</th><th>Sinds</th><th>Rev.</th><th>Bevestigd</th><th></th></tr></thead>
        <tbody id="alerts"></tbody></table></section>
        <section id="site-view" hidden><h2>Locatieoverzicht <span id="site-name"></span></h2>
        <svg id="map" viewBox="0 0 400 240" width="400" height="240" role="img" aria-label="zonekaart met drone- en pilootposities"></svg>
        <p class="muted">● drone, ▲ piloot; rood: zone met een actieve melding, geel gestreept: zone overbrugd, stippellijn: geofence.</p></section>
        <section><h2>Sensorstatus</h2><table><thead><tr><th>Locatie</th><th>Sensor</th><th>Soort</th><th>Zone</th><th>Status</th><th>Sinds</th></tr></thead><tbody id="sensors"></tbody></table></section>
        </main>
        <script>
        const $ = id => document.getElementById(id);
        function cell(tr, text) { const td = document.createElement('td'); td.textContent = text ?? ''; tr.appendChild(td); return td; }
        function fill(select, values) { const keep = select.value; while (select.options.length > 1) select.remove(1);
          for (const v of values) { const o = document.createElement('option'); o.value = v; o.textContent = v; select.appendChild(o); } select.value = keep; }
        async function refresh() {
          const q = new URLSearchParams({ site: $('site').value, kind: $('kind').value });
          const r = await fetch('/api/state?' + q, { credentials: 'same-origin' });
          if (r.status === 401) { location.href = '/login'; return; }
          const s = await r.json();
          fill($('site'), s.sites); fill($('kind'), s.kinds);
          $('offline-box').hidden = s.offline.length === 0; $('offline').replaceChildren(...s.offline.map(g => {
            const li = document.createElement('li'); li.className = 'offline'; li.textContent = `${g.site}/${g.gateway}: ${g.state} (${g.reason ?? ''}) sinds ${new Date(g.since).toLocaleString('nl-NL')}`; return li; }));
          $('alerts').replaceChildren(...s.alerts.map(a => {
            const tr = document.createElement('tr'); tr.className = a.severity + ' ' + a.kind; tr.dataset.alertId = a.id;
            cell(tr, a.severity); cell(tr, a.site + '/' + a.gateway); cell(tr, a.kind); cell(tr, a.title); cell(tr, (a.zones ?? []).join(', '));
            cell(tr, new Date(a.first_seen).toLocaleTimeString('nl-NL')); cell(tr, a.revision);
            cell(tr, a.acknowledged_by ? `${a.acknowledged_by} ${new Date(a.acknowledged_at).toLocaleTimeString('nl-NL')}` : '');
            const td = cell(tr, ''); if (!a.acknowledged_by) { const b = document.createElement('button'); b.textContent = 'Bevestigen';
              b.onclick = () => ack(a.id, b); td.appendChild(b); }
            return tr; }));
          $('bypass-box').hidden = s.bypasses.length === 0; $('bypasses').replaceChildren(...s.bypasses.map(b => {
            const tr = document.createElement('tr'); tr.className = 'bypass'; tr.dataset.zone = b.zone; cell(tr, b.site + '/' + b.gateway); cell(tr, b.zone);
            cell(tr, new Date(b.until).toLocaleString('nl-NL') + (new Date(b.until) < new Date() ? ' (verlopen)' : '')); cell(tr, new Date(b.since).toLocaleString('nl-NL'));
            cell(tr, b.authorised_by.join(', ')); cell(tr, b.reason); return tr; }));
          $('sensors').replaceChildren(...s.sensors.map(x => { const tr = document.createElement('tr'); if (x.status !== 'online') tr.className = 'high';
            cell(tr, x.site + '/' + x.gateway); cell(tr, x.sensor); cell(tr, x.family); cell(tr, x.zone); cell(tr, x.status);
            cell(tr, x.since ? new Date(x.since).toLocaleString('nl-NL') : ''); return tr; }));
          drawSite(s);
        }
        function drawSite(s) {
          const site = $('site').value; $('site-view').hidden = !site; if (!site) return; $('site-name').textContent = site;
          const alerted = new Set(s.alerts.flatMap(a => a.zones ?? [])), bypassed = new Set(s.bypasses.map(b => b.zone));
          const pts = []; for (const a of s.alerts) { const d = a.drone; if (!d) continue;
            if (d.lat != null) pts.push({ x: d.lon, y: d.lat, t: 'drone', a }); if (d.operator_lat != null) pts.push({ x: d.operator_lon, y: d.operator_lat, t: 'pilot', a }); }
          const shapes = []; for (const m of s.maps) { if (m.map.geofence) shapes.push({ cls: 'geofence', id: '', name: '', poly: m.map.geofence });
            for (const z of m.map.zones) if (z.polygon) shapes.push({ cls: 'zone' + (alerted.has(z.id) ? ' alerted' : '') + (bypassed.has(z.id) ? ' bypassed' : ''), id: z.id, name: z.name, poly: z.polygon }); }
          const svg = $('map'); svg.replaceChildren(); const ns = 'http://www.w3.org/2000/svg';
          const rect = document.createElementNS(ns, 'rect'); rect.setAttribute('width', 400); rect.setAttribute('height', 240); rect.setAttribute('fill', '#eef3ea'); svg.appendChild(rect);
          const all = pts.concat(shapes.flatMap(z => z.poly.map(p => ({ x: p.lon, y: p.lat }))));
          if (all.length === 0) { const t = document.createElementNS(ns, 'text'); t.setAttribute('x', 20); t.setAttribute('y', 120); t.textContent = 'geen zonekaart of posities voor deze locatie'; svg.appendChild(t); return; }
          // Degrees as a plane, longitude shrunk by cos(latitude) so the site keeps its shape; fit into 380 x 220.
          const xs = all.map(p => p.x), ys = all.map(p => p.y), x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
          const k = Math.cos((y0 + y1) / 2 * Math.PI / 180), w = Math.max((x1 - x0) * k, 1e-9), h = Math.max(y1 - y0, 1e-9), f = Math.min(380 / w, 220 / h);
          const sx = v => 10 + (380 - w * f) / 2 + (v - x0) * k * f, sy = v => 230 - (220 - h * f) / 2 - (v - y0) * f;
          for (const z of shapes) { const g = document.createElementNS(ns, 'polygon'); g.setAttribute('class', z.cls); if (z.id) g.dataset.zone = z.id;
            g.setAttribute('points', z.poly.map(p => `${sx(p.lon).toFixed(1)},${sy(p.lat).toFixed(1)}`).join(' ')); svg.appendChild(g);
            if (z.id) { const t = document.createElementNS(ns, 'text'); t.setAttribute('x', z.poly.reduce((a, p) => a + sx(p.lon), 0) / z.poly.length);
              t.setAttribute('y', z.poly.reduce((a, p) => a + sy(p.lat), 0) / z.poly.length); t.setAttribute('font-size', 9); t.setAttribute('text-anchor', 'middle');
              t.textContent = z.name; svg.appendChild(t); } }
          for (const p of pts) { const g = document.createElementNS(ns, 'g'); g.setAttribute('class', p.t);
            const m = document.createElementNS(ns, p.t === 'drone' ? 'circle' : 'path');
            if (p.t === 'drone') { m.setAttribute('cx', sx(p.x)); m.setAttribute('cy', sy(p.y)); m.setAttribute('r', 6); m.setAttribute('fill', '#b3261e'); }
            else { m.setAttribute('d', `M${sx(p.x)},${sy(p.y) - 7} l6,11 h-12 z`); m.setAttribute('fill', '#13294b'); }
            const t = document.createElementNS(ns, 'text'); t.setAttribute('x', sx(p.x) + 9); t.setAttribute('y', sy(p.y) + 4); t.setAttribute('font-size', 11);
            t.textContent = (p.t === 'drone' ? 'drone ' : 'piloot ') + (p.a.zones ?? []).join(', ');
            g.append(m, t); svg.appendChild(g); }
        }
        async function ack(id, button) {
          button.disabled = true; const note = '';
          const r = await fetch(`/api/alerts/${encodeURIComponent(id)}/ack`, { method: 'POST', credentials: 'same-origin',
            headers: { 'X-Hub-Console': '1', 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ note }) });
          button.textContent = r.ok ? 'verstuurd' : 'mislukt';
        }
        $('logout').onclick = async () => {
          events.close();
          await fetch('/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-Hub-Console': '1' } });
          location.href = '/login';
        };
        $('site').onchange = refresh; $('kind').onchange = refresh;
        const events = new EventSource('/api/events');
        events.addEventListener('ready', () => { $('live').textContent = 'live'; refresh(); });
        events.addEventListener('change', refresh);
        events.onerror = () => { $('live').textContent = 'verbinding verbroken, opnieuw…'; };
        </script></body></html>
        """.Replace("<!--style-->", Style, StringComparison.Ordinal);
}
