def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] \S*src\/main\/shuqiao\/catalog\.yaml:23:15: error \[unknown-value\] resources\[0\]\.items\[0\]\.type: 'Q' is not a known value/
assert log =~ /catalog\.yaml:18:13: error \[credit-code\]/
assert log =~ /Catalog \S*catalog\.yaml has 2 error\(s\)/
// validate phase: the build stops before compiling
assert !new File(basedir, 'target/classes/dev/acme/Empty.class').exists()
return true
