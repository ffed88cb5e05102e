# Writes examples/links-manifest-sample.csv: invented video links for the summative students of
# examples/elpac-extract-sample.txt, an English video for each plus one in the offered primary
# language, on the gateway's default allowed host.
import csv
rows = list(csv.reader(open('examples/elpac-extract-sample.txt', encoding='utf-8-sig'), delimiter='^'))
idx = {n: i for i, n in enumerate(rows[0])}
offered = {'01': 'spanish', 'SPA': 'spanish', '02': 'vietnamese', 'VIE': 'vietnamese',
           '05': 'filipino', 'FIL': 'filipino', 'TGL': 'filipino', '07': 'mandarin', 'CMN': 'mandarin'}
out = csv.writer(open('examples/links-manifest-sample.csv', 'w', newline='', encoding='utf-8'), lineterminator='\n')
out.writerow(['lea_cds_code', 'ssid', 'language', 'url', 'expires_at'])
count = 0
for r in rows[1:]:
    get = lambda c: r[idx[c]].strip()
    if get('RecordType') != '01' or get('SSREligible') != 'Y' or len(get('SSID')) != 10:
        continue
    ssid = get('SSID')
    code = get('CALPADSPrimaryLanguage').upper() or get('CEDSLanguageCode').upper()
    for language in ['english'] + ([offered[code]] if code in offered else []):
        out.writerow(['19647330000000', ssid, language,
                      f'https://videos.ssr-vendor.example/v/2026-27/{ssid}/{language}.mp4', '2026-12-31T23:59:59Z'])
        count += 1
    if count >= 120:
        break
print(count)
