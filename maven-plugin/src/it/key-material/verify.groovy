import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /Keys\.java:16 \[crypto\.hard-coded-key\] secret AES key built from constant bytes; load it from a key store or KMS instead/
assert log =~ /Keys\.java:21 \[crypto\.weak-key-size\] RSA key of 1024 bits is too short; use at least 2048 bits/
assert log =~ /Keys\.java:27 \[crypto\.seeded-random\] SecureRandom is seeded explicitly/
assert log =~ /Keys\.java:32 \[crypto\.weak-pbe\] SecretKeyFactory\.getInstance\("PBEWithMD5AndDES"\) is a legacy password-based scheme/
// the expired suppression no longer applies, and is reported itself as a warning (below failOn=error);
// its path is relative to the enclosing Git work tree, or to this project where there is none (a
// source archive), so only its end is certain
assert log =~ /\[WARNING\] \S*src\/main\/shuqiao\/suppressions\.yaml \[compliance\.expired-suppression\] suppression crypto\.seeded-random at dev\/acme\/Keys\.java until 2020-01-01: .* expired on 2020-01-01/
assert log.contains('Shuqiao compliance: 4 errors, 1 warning (0 suppressed, 0 in baseline)')
def sarif = new JsonSlurper().parse(new File(basedir, 'target/shuqiao/compliance.sarif'))
def expired = sarif.runs[0].results.find { it.ruleId == 'compliance.expired-suppression' }
assert expired.level == 'warning'
assert expired.locations[0].physicalLocation.region == null
return true
