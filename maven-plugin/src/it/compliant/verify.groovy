import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Shuqiao: catalog catalog.yaml is valid')
assert log.contains('Shuqiao compliance: 0 errors, 0 warnings (0 suppressed, 0 in baseline)')
assert log.contains('Shuqiao: no hub configured (set <hubUrl> or -Dshuqiao.hub.url); skipping catalog registration.')
assert log.contains('BUILD SUCCESS')

def reports = new File(basedir, 'target/shuqiao')
def sarif = new JsonSlurper().parse(new File(reports, 'compliance.sarif'))
assert sarif.version == '2.1.0'
assert sarif.runs[0].results.isEmpty()
assert sarif.runs[0].tool.driver.rules.find { it.id == 'crypto.weak-digest' }.help.text
def json = new JsonSlurper().parse(new File(reports, 'compliance.json'))
assert json.summary.errors == 0
assert new File(reports, 'compliance.html').text.contains('<p id="clean">No findings.</p>')
return true
