def log = new File(basedir, 'build.log').text
assert log =~ /No catalog descriptor at \S*src\/main\/shuqiao\/catalog\.yaml\. Describe the module's data resources there/
assert !log.contains('\tat ')   // no stack trace
return true
