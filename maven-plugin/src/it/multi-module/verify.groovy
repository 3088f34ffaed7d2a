def log = new File(basedir, 'build.log').text
assert log.contains('Shuqiao: no catalog in this pom module; nothing to validate.')
assert log =~ /\[ERROR\] \S*legacy\/src\/main\/java\/dev\/acme\/legacy\/TripleDes\.java:12 \[crypto\.weak-cipher\]/
assert !log.contains('is not marked as thread-safe')
assert new File(basedir, 'registry/target/shuqiao/compliance.sarif').isFile()
assert new File(basedir, 'legacy/target/shuqiao/compliance.sarif').isFile()
assert new File(basedir, 'registry/target/shuqiao/compliance.json').text.contains('"errors" : 0')
assert new File(basedir, 'registry/target/shuqiao/compliance.html').text.contains('<p id="clean">No findings.</p>')
return true
