package dev.shuqiao.hub.internal.service;

import dev.shuqiao.audit.AuditAction;
import dev.shuqiao.catalog.Catalog;
import dev.shuqiao.catalog.CatalogReader;
import dev.shuqiao.catalog.DataResource;
import dev.shuqiao.catalog.ValidationReport;
import dev.shuqiao.hub.internal.store.ResourceQuery;
import dev.shuqiao.hub.internal.store.ResourceRow;
import dev.shuqiao.hub.internal.store.ResourceStore;
import dev.shuqiao.hub.internal.store.ResourceVersionRow;
import dev.shuqiao.hub.internal.store.SearchIndex;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalog registry: a provider registers, updates and retires its own resources, each checked
 * by core's validator (all problems at once); every change is a new version kept in the history.
 */
public final class CatalogService {

  private final ResourceStore store = new ResourceStore();
  private final SearchIndex index = new SearchIndex();
  private final CatalogReader reader;
  private final ResourceRows rows;
  private final Auditor auditor;
  private final Clock clock;

  public CatalogService(CatalogReader reader, Auditor auditor, Clock clock) {
    this.reader = reader;
    this.rows = new ResourceRows(reader.codeFormat());
    this.auditor = auditor;
    this.clock = clock;
  }

  /** Registers every resource of a descriptor; all must be new and provided by the caller. */
  public List<ResourceRow> register(Connection c, Caller caller, String descriptor) throws SQLException {
    caller.requireDepartment();
    Catalog catalog = validate(descriptor);
    store.lockCatalog(c);
    Instant now = clock.instant();
    List<ResourceRow> created = new ArrayList<>();
    for (DataResource resource : catalog.resources()) {
      requireProvider(caller, resource.provider().code().toString());
      ResourceRow row = rows.of(catalog, resource, 1, "ACTIVE", now);
      if (store.find(c, row.code(), true).isPresent()) {
        throw HubException.conflict("resource-exists", "resource " + row.code() + " is already registered; update it instead");
      }
      store.insert(c, row);
      store.insertVersion(c, new ResourceVersionRow(row.code(), 1, "REGISTER", caller.code(), now, row.descriptor()));
      auditor.record(caller, AuditAction.CATALOG_REGISTER, "catalog.register", row.code(), null);
      created.add(row);
    }
    return created;
  }

  /** Replaces a resource with the single resource of {@code descriptor}; a new version. */
  public ResourceRow update(Connection c, Caller caller, String code, String descriptor) throws SQLException {
    caller.requireDepartment();
    ResourceRow current = ownActive(c, caller, code);
    Catalog catalog = validate(descriptor);
    if (catalog.resources().size() != 1) {
      throw HubException.unprocessable("one-resource-expected", "an update carries exactly one resource", "resources");
    }
    DataResource resource = catalog.resources().get(0);
    requireProvider(caller, resource.provider().code().toString());
    Instant now = clock.instant();
    ResourceRow row = rows.of(catalog, resource, current.version() + 1, "ACTIVE", now);
    if (!row.code().equals(code)) {
      throw HubException.unprocessable("code-mismatch", "the descriptor describes another resource code", "resources[0].code");
    }
    store.update(c, row);
    store.insertVersion(c, new ResourceVersionRow(code, row.version(), "UPDATE", caller.code(), now, row.descriptor()));
    auditor.record(caller, AuditAction.CATALOG_UPDATE, "catalog.update", code, null);
    return row;
  }

  /** Retires a resource: it stays readable with its history but no longer appears in searches or takes grants. */
  public ResourceRow retire(Connection c, Caller caller, String code) throws SQLException {
    caller.requireDepartment();
    ResourceRow current = ownActive(c, caller, code);
    Instant now = clock.instant();
    ResourceRow row = new ResourceRow(code, current.providerCode(), current.name(), current.summary(),
        current.sharingType(), current.classification(), current.format(), current.searchText(),
        current.version() + 1, "RETIRED", current.descriptor(), now);
    store.update(c, row);
    store.insertVersion(c, new ResourceVersionRow(code, row.version(), "RETIRE", caller.code(), now, row.descriptor()));
    auditor.record(caller, AuditAction.CATALOG_RETIRE, "catalog.retire", code, null);
    return row;
  }

  public ResourceRow get(Connection c, String code) throws SQLException {
    return store.find(c, code, false).orElseThrow(() -> HubException.notFound("resource"));
  }

  public List<ResourceVersionRow> versions(Connection c, String code) throws SQLException {
    get(c, code);
    return store.versions(c, code);
  }

  /** A page of matches, the total and facet counts. */
  public record SearchResult(List<ResourceRow> items, long total, Map<String, Map<String, Long>> facets) {}

  /** Builds (or brings up to date) this instance's search index. */
  public void prepareSearch(Connection c) throws SQLException {
    index.catchUp(c);
  }

  /**
   * Matches, total and facets from this instance's in-memory index (current with every write
   * committed before the call, on any instance); the page's rows from the database.
   */
  public SearchResult search(Connection c, ResourceQuery query) throws SQLException {
    SearchIndex.Hits hits = index.search(c, query);
    return new SearchResult(store.findAll(c, hits.page()), hits.total(), hits.facets());
  }

  private ResourceRow ownActive(Connection c, Caller caller, String code) throws SQLException {
    store.lockCatalog(c);
    ResourceRow current = store.find(c, code, true).orElseThrow(() -> HubException.notFound("resource"));
    requireProvider(caller, current.providerCode());
    if (!"ACTIVE".equals(current.status())) {
      throw HubException.conflict("resource-retired", "the resource is retired");
    }
    return current;
  }

  private static void requireProvider(Caller caller, String providerCode) {
    if (!caller.code().equals(providerCode)) {
      throw HubException.forbidden("not-the-provider", "a department may only manage resources it provides itself");
    }
  }

  private Catalog validate(String descriptor) {
    ValidationReport report = reader.read("request", descriptor);
    if (report.hasErrors() || report.catalog().isEmpty()) {
      List<Map<String, Object>> problems = report.errors().stream().map(ResourceRows::problem).toList();
      throw new HubException(422, "invalid-catalog", "The catalog descriptor is invalid",
          problems.size() + " problem(s) in the descriptor", null, problems);
    }
    Catalog catalog = report.catalog().get();
    if (catalog.resources().isEmpty()) {
      throw HubException.unprocessable("no-resources", "the descriptor lists no resources", "resources");
    }
    return catalog;
  }
}
