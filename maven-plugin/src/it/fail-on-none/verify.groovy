import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /\[WARNING\] \S*src\/main\/java\/dev\/acme\/Legacy\.java:9 \[crypto\.ecb-mode\]/
assert log =~ /\[WARNING\] \S*Legacy\.java:9 \[crypto\.weak-cipher\] Cipher\.getInstance\("DES\/ECB\/PKCS5Padding"\): DES is a weak cipher/
assert log.contains('Shuqiao compliance: 2 errors, 0 warnings (0 suppressed, 0 in baseline); reports in')
assert log.contains('BUILD SUCCESS')
def json = new JsonSlurper().parse(new File(basedir, 'target/shuqiao/compliance.json'))
assert json.findings*.ruleId.sort() == ['crypto.ecb-mode', 'crypto.weak-cipher']
return true
