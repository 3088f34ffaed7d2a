def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] \S*pom\.xml \[dependency\.banned\] log4j:log4j:1\.2\.17 is banned \(log4j:log4j\); remove it from the POM/
return true
