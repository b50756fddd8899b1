package org.aftersaleshub.model;

/** Where a ticket came from (报修渠道). */
public enum Channel {
    WEB, MOBILE_APP, CALL_CENTER, WECHAT, DINGTALK, WECOM, EMAIL, API
}
