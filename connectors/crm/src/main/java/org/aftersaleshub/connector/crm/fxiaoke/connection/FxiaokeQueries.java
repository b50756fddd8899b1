package org.aftersaleshub.connector.crm.fxiaoke.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.http.Outcome;

/**
 * Reading many records through {@code /data/query} within FXiaoKe's paging rules (docs/vendor-apis/fxiaoke.md §5.3):
 * {@code limit} at most 100, {@code offset} a multiple of it and at most 10 000. Results are sorted by {@code _id}; up
 * to {@code max-offset} the pages are asked by offset, beyond it by {@code _id GT <last id>} with offset 0 — the
 * documented deep-paging form — so any number of records can be read. Changes are read by
 * ({@code last_modified_time}, {@code _id}) keyset, which never needs an offset at all.
 */
public final class FxiaokeQueries {

    /**
     * One filter of {@code search_query_info} (docs/vendor-apis/fxiaoke.md §5.2); operators as FXiaoKe spells them
     * ({@code EQ}, {@code GT}).
     */
    public record Filter(String field, String operator, List<String> values) {
        public static Filter eq(String field, String value) {
            return new Filter(field, "EQ", List.of(value));
        }
    }

    /** One order of {@code search_query_info}. */
    public record Order(String field, boolean ascending) {
    }

    private static final Order BY_ID = new Order("_id", true);

    private final FxiaokeClient client;
    private final ObjectMapper json;
    private final int pageSize;
    private final int maxOffset;

    public FxiaokeQueries(FxiaokeClient client, ObjectMapper json, int pageSize, int maxOffset) {
        this.client = client;
        this.json = json;
        this.pageSize = pageSize;
        this.maxOffset = maxOffset;
    }

    /**
     * Records of {@code object} matching every filter, in {@code _id} order, at most {@code max}.
     *
     * @param projection the fields to return; empty for all
     */
    public List<JsonNode> all(String object, List<Filter> filters, List<String> projection, int max) {
        List<JsonNode> out = new ArrayList<>();
        int offset = 0;
        String lastId = null;
        while (out.size() < max) {
            List<Filter> f = new ArrayList<>(filters);
            if (lastId != null) {
                f.add(new Filter("_id", "GT", List.of(lastId)));
            }
            List<JsonNode> page = page(object, searchQueryInfo(f, List.of(BY_ID), projection, offset, pageSize));
            for (JsonNode r : page) {
                if (out.size() < max) {
                    out.add(r);
                }
            }
            if (page.size() < pageSize) {
                break;
            }
            if (lastId == null && offset + pageSize <= maxOffset) {
                offset += pageSize;
            } else {
                // past the deepest offset FXiaoKe serves (10013 beyond it): continue after the last id
                // (docs/vendor-apis/fxiaoke.md §5.3)
                offset = 0;
                lastId = page.get(page.size() - 1).path("_id").asText();
            }
        }
        return out;
    }

    /**
     * Records of {@code object} modified after ({@code modifiedAt}, {@code lastId}) in (modified time, id) order, at
     * most {@code max}: first the rest of the records sharing {@code modifiedAt}, then later ones, each page asked
     * after the last record read.
     */
    public List<JsonNode> changedAfter(String object, long modifiedAt, String lastId, int max) {
        List<JsonNode> out = new ArrayList<>();
        long t = modifiedAt;
        String id = lastId;
        while (out.size() < max) {
            boolean sameTime = !id.isEmpty();
            List<JsonNode> page = sameTime
                    ? page(object, searchQueryInfo(List.of(new Filter("last_modified_time", "EQ",
                            List.of(String.valueOf(t))), new Filter("_id", "GT", List.of(id))), List.of(BY_ID),
                            List.of(), 0, pageSize))
                    : page(object, searchQueryInfo(List.of(new Filter("last_modified_time", "GT",
                            List.of(String.valueOf(t)))), List.of(new Order("last_modified_time", true), BY_ID),
                            List.of(), 0, pageSize));
            for (JsonNode r : page) {
                if (out.size() < max) {
                    out.add(r);
                }
            }
            if (page.size() < pageSize) {
                if (sameTime) {
                    id = ""; // the records sharing t are read: go on with later ones
                    continue;
                }
                break;
            }
            JsonNode last = page.get(page.size() - 1);
            t = last.path("last_modified_time").asLong();
            id = last.path("_id").asText();
        }
        return out;
    }

    /** The {@code search_query_info} of one page (docs/vendor-apis/fxiaoke.md §5.2). */
    public ObjectNode searchQueryInfo(List<Filter> filters, List<Order> orders, List<String> projection, int offset,
                                      int limit) {
        ObjectNode q = json.createObjectNode();
        q.put("limit", limit);
        q.put("offset", offset);
        ArrayNode fs = q.putArray("filters");
        for (Filter f : filters) {
            ObjectNode n = fs.addObject();
            n.put("field_name", f.field());
            f.values().forEach(n.putArray("field_values")::add);
            n.put("operator", f.operator());
        }
        ArrayNode os = q.putArray("orders");
        for (Order o : orders) {
            os.addObject().put("fieldName", o.field()).put("isAsc", o.ascending());
        }
        if (!projection.isEmpty()) {
            projection.forEach(q.putArray("fieldProjection")::add);
        }
        return q;
    }

    /** One {@code /data/query} call; a refusal is thrown (a query the CRM refuses is a configuration error). */
    private List<JsonNode> page(String object, ObjectNode searchQueryInfo) {
        ObjectNode data = json.createObjectNode();
        data.put("dataObjectApiName", object);
        data.set("search_query_info", searchQueryInfo);
        FxiaokeReply reply = client.call(object, "query", data, false);
        if (!reply.ok()) {
            throw new ConnectorException("fxiaoke", Outcome.NOT_RETRYABLE, "query " + object + " refused: "
                    + reply.describe());
        }
        List<JsonNode> rows = new ArrayList<>();
        JsonNode d = reply.body().path("data");
        // tolerant of both answer forms: data.dataList, or a single record map (docs/vendor-apis/fxiaoke.md §5.4)
        if (d.has("dataList")) {
            d.get("dataList").forEach(rows::add);
        } else if (d.has("_id")) {
            rows.add(d);
        }
        return rows;
    }
}
