<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DuplicatesDialog</name>
    <message numerus="yes">
        <source>%n pair(s) of items say nearly the same thing.</source>
        <translation>
            <numerusform>%n pair of items says nearly the same thing.</numerusform>
            <numerusform>%n pairs of items say nearly the same thing.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>This final document has %n compliance problem(s) a buyer may reject it for (see the report). Export it anyway?</source>
        <translation>
            <numerusform>This final document has %n compliance problem a buyer may reject it for (see the report). Export it anyway?</numerusform>
            <numerusform>This final document has %n compliance problems a buyer may reject it for (see the report). Export it anyway?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message numerus="yes">
        <source>Added %n item(s) to the library</source>
        <translation>
            <numerusform>Added %n item to the library</numerusform>
            <numerusform>Added %n items to the library</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> from %n file(s).</source>
        <translation>
            <numerusform> from %n file.</numerusform>
            <numerusform> from %n files.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticePreviewDialog</name>
    <message numerus="yes">
        <source>{file}: %n notice(s); {new} new, {updates} already a bid.</source>
        <translation>
            <numerusform>{file}: %n notice; {new} new, {updates} already a bid.</numerusform>
            <numerusform>{file}: %n notices; {new} new, {updates} already a bid.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message numerus="yes">
        <source>%n item(s) missing</source>
        <translation>
            <numerusform>%n item missing</numerusform>
            <numerusform>%n items missing</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderWatcher</name>
    <message numerus="yes">
        <source>%n bid date(s) coming up</source>
        <translation>
            <numerusform>%n bid date coming up</numerusform>
            <numerusform>%n bid dates coming up</numerusform>
        </translation>
    </message>
</context>
</TS>
