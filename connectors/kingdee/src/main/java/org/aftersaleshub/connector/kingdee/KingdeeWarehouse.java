package org.aftersaleshub.connector.kingdee;

/**
 * A warehouse (仓库, BD_STOCK) as Kingdee holds it.
 *
 * @param number    FNumber
 * @param name      FName
 * @param forbidden FForbidStatus B (禁用)
 */
public record KingdeeWarehouse(String number, String name, boolean forbidden) {
}
