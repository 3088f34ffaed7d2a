// Starts a real hub (hub/target/shuqiao-hub.jar, passed in as hubJar) with a fresh city CA, registers
// two departments with the administrator identity, and points the builds at it via .mvn/maven.config.
// verify.groovy stops the hub.
import dev.shuqiao.catalog.CreditCode
import dev.shuqiao.client.ShuqiaoClient
import dev.shuqiao.client.model.CreateDepartmentOptions
import dev.shuqiao.crypto.CertificateAuthority
import dev.shuqiao.crypto.KeyAlgorithm
import dev.shuqiao.crypto.KeyRequest
import dev.shuqiao.crypto.Pem
import java.time.Duration
import java.util.concurrent.TimeUnit

def keys = new File(basedir, 'keys')
keys.mkdirs()
def password = 'it-keystore-password'
def ca = CertificateAuthority.create(KeyAlgorithm.SM2, '柳州市大数据发展局根CA', CreditCode.parse('11450200B12345639W'),
    Duration.ofDays(30))
def issue = { String name, String code ->
  def request = KeyRequest.generate(KeyAlgorithm.SM2, name, CreditCode.parse(code))
  request.complete(ca.issue(request.csrPem(), Duration.ofDays(30)))
}
def admin = issue('柳州市大数据发展局', '11450200B12345639W')
def health = issue('柳州市卫生健康委员会', '11450200B123456125')   // the catalog's provider
def police = issue('柳州市公安局', '11450200B123456200')
def stranger = issue('柳州市某未登记单位', '11450200B12345647P')
new File(keys, 'admin.p12').bytes = admin.toPkcs12(password.toCharArray())
new File(keys, 'health.p12').bytes = health.toPkcs12(password.toCharArray())
new File(keys, 'police.p12').bytes = police.toPkcs12(password.toCharArray())
new File(keys, 'stranger.p12').bytes = stranger.toPkcs12(password.toCharArray())
new File(keys, 'root.pem').text = Pem.encode(ca.certificate())
new File(keys, 'root.crl.pem').text = Pem.encode(ca.crl([], Duration.ofDays(1)))
new File(keys, 'admin.pem').text = Pem.encode(admin.certificate())
def config = new File(basedir, 'hub.yaml')
config.text = "trust:\n  roots: ${new File(keys, 'root.pem')}\n  crl: ${new File(keys, 'root.crl.pem')}\n" +
    "admins:\n  - ${new File(keys, 'admin.pem')}\naudit:\n  origin: hub.it.example\n"

def java = new File(System.getProperty('java.home'), 'bin/java').path
def hub = new ProcessBuilder(java, '-Xmx256m', '-jar', hubJar, '--port', '0', '--data',
    new File(basedir, 'hub-data').path, '--config', config.path)
    .redirectErrorStream(true).redirectOutput(new File(basedir, 'hub.log')).start()
System.properties.put('shuqiao.it.register.hub', hub)
Runtime.runtime.addShutdownHook(new Thread({ hub.destroyForcibly() }))
def url = null
def deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120)
while (url == null) {
  def matcher = new File(basedir, 'hub.log').text =~ /shuqiao-hub listening on (\S+)/
  if (matcher.find()) {
    url = matcher.group(1)
  } else if (!hub.alive || System.nanoTime() > deadline) {
    throw new IllegalStateException('hub did not start: ' + new File(basedir, 'hub.log').text)
  } else {
    Thread.sleep(200)
  }
}
url = url.replaceAll('/$', '')

def client = ShuqiaoClient.builder().endpoint(url).credential(admin).build()
client.createDepartment(new CreateDepartmentOptions('11450200B123456125', '柳州市卫生健康委员会',
    Pem.encode(health.certificate()), 'https://wjw.example.gov.cn'))
client.createDepartment(new CreateDepartmentOptions('11450200B123456200', '柳州市公安局',
    Pem.encode(police.certificate()), 'https://gaj.example.gov.cn'))

new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text =
    "-Dshuqiao.hub.url=${url}\n-Dshuqiao.hub.keystorePassword=${password}\n"
new File(basedir, 'hub.url').text = url
return true
