import groovy.json.JsonSlurper

def baseline = new JsonSlurper().parse(new File(basedir, 'shuqiao-baseline.json'))
assert baseline.findings*.ruleId == ['crypto.weak-signature']   // the suppressed finding is not baselined

def log = new File(basedir, 'build.log').text   // the last build: without the baseline
assert log =~ /LegacySigner\.java:9 \[crypto\.weak-signature\] Signature\.getInstance\("SHA1withRSA"\) signs a weak digest/
assert !(log =~ /EtagCalculator\.java:9 \[crypto\.weak-digest\]/)
assert log.contains('1 suppressed, 0 in baseline')

def json = new JsonSlurper().parse(new File(basedir, 'target/shuqiao/compliance.json'))
assert json.suppressed.size() == 1
assert json.suppressed[0].justification.startsWith('HTTP ETag only')
assert json.suppressed[0].expires == '2099-12-31'
return true
