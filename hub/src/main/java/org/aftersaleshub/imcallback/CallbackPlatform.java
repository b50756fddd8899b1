package org.aftersaleshub.imcallback;

import java.util.Locale;

/** The platforms that call the hub back (the IM platforms and the CRM); the value is the connector type, as in {@code hub.connectors}. */
public enum CallbackPlatform {
    DINGTALK("dingtalk", "钉钉", "dingtalk"),
    WECOM("wecom", "企业微信", "wecom"),
    /** The FXiaoKe CRM's data-change callbacks ({@code /callbacks/crm/{instance}}), handled by the crm package. */
    FXIAOKE("fxiaoke", "纷享销客", "crm");

    private final String type;
    private final String chineseName;
    private final String path;

    CallbackPlatform(String type, String chineseName, String path) {
        this.type = type;
        this.chineseName = chineseName;
        this.path = path;
    }

    /** The path segment its callbacks arrive under: {@code /callbacks/<path>/<instance>}. */
    public String path() {
        return path;
    }

    /** The connector type ({@code dingtalk}, {@code wecom}): what the table and events store. */
    public String type() {
        return type;
    }

    /** How staff call the platform (钉钉, 企业微信). */
    public String chineseName() {
        return chineseName;
    }

    /** The platform of a connector type, or null for any other type. */
    static CallbackPlatform ofType(String type) {
        if (type == null) {
            return null;
        }
        for (CallbackPlatform p : values()) {
            if (p.type.equals(type.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }
}
