def log = new File(basedir, 'build.log').text
assert log =~ /BirthRecord\.java:8 \[catalog\.item-type\] field BirthRecord\.weight is java\.lang\.String but item '出生体重' is N \(数值型\)/
assert log =~ /BirthRecord\.java:8 \[catalog\.unprotected-sensitive\] field BirthRecord\.fatherIdNumber serves sensitive item '父亲身份证号' in clear/
assert log =~ /BirthRecord\.java:8 \[catalog\.undeclared-field\] field BirthRecord\.note maps to item 'note'/
assert log =~ /VaccinationRecord\.java:6 \[catalog\.unknown-resource\] @DataResource\("9 99 999\/000001"\) on VaccinationRecord is not a resource in \S*catalog\.yaml/
assert log =~ /BirthService\.java:6 \[privacy\.personal-data-in-log\] personal data BirthRecord\.motherIdNumber \(item '母亲身份证号'\) is passed to System\.out\/err\.println/
assert log.contains('Shuqiao compliance check failed: 5 finding(s)')
return true
