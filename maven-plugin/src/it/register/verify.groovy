import dev.shuqiao.client.ShuqiaoClient
import dev.shuqiao.crypto.DepartmentIdentity

def hub = System.properties.get('shuqiao.it.register.hub')
try {
  def log = new File(basedir, 'build.log').text
  def url = new File(basedir, 'hub.url').text
  // 1: both resources created
  assert log.contains("Shuqiao: registered 2 resource(s) of catalog.yaml with ${url}.")
  // 2: both already there: updated
  assert log.contains('Shuqiao: the hub already has some of these resources; updating them one by one.')
  assert log.contains("Shuqiao: registered 0 new and updated 2 resource(s) of catalog.yaml with ${url}.")
  // 3: the police department is not the provider of the health commission's resources
  assert log =~ /Hub \Q${url}\E refused catalog \S*catalog\.yaml \(HTTP 403, /
  // 4: an identity the hub never registered
  assert log =~ /Hub \Q${url}\E refused catalog \S*catalog\.yaml \(HTTP 401, [^)]*\): .*the hub does not know this identity/

  // What the hub holds, asked as the administrator.
  def admin = DepartmentIdentity.fromPkcs12(new File(basedir, 'keys/admin.p12').bytes, 'it-keystore-password'.toCharArray())
  def client = ShuqiaoClient.builder().endpoint(url).credential(admin).build()
  def birth = client.getResource('1 01 003/000001')
  assert birth.name() == '出生医学证明信息'
  assert client.listResourceVersions('1 01 003/000001').size() == 2
  assert client.getResource('2 04 001/000007').name() == '预防接种信息'
} finally {
  hub?.destroy()
  hub?.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)
}
return true
