import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] \S*src\/main\/java\/dev\/acme\/Hasher\.java:13 \[crypto\.weak-digest\] MessageDigest\.getInstance\("MD5"\): MD5 is broken for security use; use SM3 or SHA-256 instead/
assert log =~ /\S*src\/main\/java\/dev\/acme\/LoginService\.java:11 \[crypto\.weak-digest\] .*through Hasher\.md5\(String\)/
assert log =~ /LoginService\.java:15 \[crypto\.ecb-mode\] Cipher\.getInstance\("AES"\) without a mode means ECB/
assert log =~ /LoginService\.java:21 \[crypto\.static-iv\] IV built from constant bytes/
assert log.contains('Shuqiao compliance check failed: 4 finding(s)')
assert !log.contains('\tat ')   // no stack trace

def reports = new File(basedir, 'target/shuqiao')
def sarif = new JsonSlurper().parse(new File(reports, 'compliance.sarif'))
assert sarif.version == '2.1.0'
assert sarif.'$schema'.contains('sarif-2.1.0')
def run = sarif.runs[0]
assert run.tool.driver.name == 'shuqiao'
run.tool.driver.rules.each { rule ->
  assert rule.id && rule.shortDescription.text && rule.fullDescription.text && rule.help.text
}
assert run.results.size() == 4
run.results.each { result ->
  assert run.tool.driver.rules[result.ruleIndex].id == result.ruleId
  def location = result.locations[0].physicalLocation
  assert location.artifactLocation.uri.endsWith('.java')
  assert !location.artifactLocation.uri.startsWith('/')
  assert location.region.startLine > 0
  assert result.partialFingerprints.size() == 1
  assert result.message.text
}
def json = new JsonSlurper().parse(new File(reports, 'compliance.json'))
assert json.summary.errors == 4
def html = new File(reports, 'compliance.html').text
assert html.contains('id="crypto.weak-digest"')
assert html.contains('<mark>   13      MessageDigest digest = MessageDigest.getInstance(&quot;MD5&quot;);</mark>')
return true
