#!/usr/bin/env python3
"""Writes a hostile .xlsx for bench/upload-bombs.sh (and nothing else).

    hostile_xlsx.py KIND OUT
KIND: strings-bomb (460 MB of shared strings in about 1 MB), many-strings
(3,000,000 one-character texts), sheet-bomb (a 1 GB worksheet of empty
rows), long-cell (a 40,000-character cell), honest (2,000 people rows).
"""
import io
import sys
import zipfile

HEAD = ('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
PARTS = [
    HEAD,
    ('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    ('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    ('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def cell(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def header():
    return '<row r="1">%s%s%s</row>' % (cell('A1', '姓名*'), cell('B1', '所属区划*'), cell('C1', '备注'))


def repeated(f, unit, count):
    chunk = unit * max(1, (1 << 20) // len(unit))
    per = len(chunk) // len(unit)
    while count > 0:
        n = min(count, per)
        f.write(chunk[: n * len(unit)])
        count -= n


def main(kind, out):
    buf = io.BytesIO()
    z = zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED, compresslevel=9)
    for name, text in PARTS:
        z.writestr(name, text)
    strings = {'strings-bomb': (20_000_000, 'AAAAAAA'), 'many-strings': (3_000_000, '楠')}.get(kind, (0, ''))
    with z.open('xl/sharedStrings.xml', 'w', force_zip64=True) as f:
        f.write(('<?xml version="1.0"?><sst %s>' % NS).encode())
        repeated(f, ('<si><t>%s</t></si>' % strings[1]).encode(), strings[0])
        f.write(b'<si><t>x</t></si></sst>')
    with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as f:
        f.write(('<?xml version="1.0"?><worksheet %s><sheetData>' % NS).encode())
        f.write(header().encode())
        if kind == 'sheet-bomb':
            repeated(f, b'<row/>', (1 << 30) // 6)
        elif kind == 'long-cell':
            f.write(('<row r="2">%s%s%s</row>' % (cell('A2', '长格'), cell('B2', '朋佳村'), cell('C2', '长' * 40000))).encode())
        elif kind == 'honest':
            for i in range(2, 2002):
                f.write(('<row r="%d">%s%s</row>' % (i, cell('A%d' % i, '测试%d' % i), cell('B%d' % i, '朋佳村'))).encode())
        f.write(b'</sheetData></worksheet>')
    z.close()
    with open(out, 'wb') as o:
        o.write(buf.getvalue())


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
