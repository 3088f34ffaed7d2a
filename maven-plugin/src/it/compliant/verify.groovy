import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Shuqiao: catalog catalog.yaml is valid')
assert log.contains('Shuqiao compliance: 0 errors, 0 warnings (0 suppressed, 0 in baseline)')
assert log.contains('Shuqiao: no hub configured (set <hubUrl> or -Dshuqiao.hub.url); skipping catalog registration.')
assert log.contains('BUILD SUCCESS')
// second build, -Dshuqiao.gmRequired=true
assert log =~ /\[ERROR\] \S*BirthCertificates\.java:18 \[crypto\.gm-required\] MessageDigest\.getInstance uses SHA-256 but the catalog holds important or sensitive data/
assert log =~ /BirthCertificates\.java:24 \[crypto\.gm-required\] Cipher\.getInstance uses AES\/GCM\/NoPadding/

def reports = new File(basedir, 'target/shuqiao')
def sarif = new JsonSlurper().parse(new File(reports, 'compliance.sarif'))   // from the second build
assert sarif.version == '2.1.0'
assert sarif.runs[0].results*.ruleId == ['crypto.gm-required', 'crypto.gm-required']
assert sarif.runs[0].tool.driver.rules.find { it.id == 'crypto.weak-digest' }.help.text
def json = new JsonSlurper().parse(new File(reports, 'compliance.json'))
assert json.summary.errors == 2
assert new File(reports, 'compliance.html').text.contains('id="crypto.gm-required"')
return true
