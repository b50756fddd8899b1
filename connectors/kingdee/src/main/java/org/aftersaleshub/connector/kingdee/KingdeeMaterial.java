package org.aftersaleshub.connector.kingdee;

/**
 * A material (物料, BD_MATERIAL) as Kingdee holds it.
 *
 * @param number        FNumber
 * @param name          FName
 * @param specification FSpecification (规格型号), may be empty
 * @param baseUnit      name of the base unit, may be empty
 * @param forbidden     FForbidStatus B (禁用)
 */
public record KingdeeMaterial(String number, String name, String specification, String baseUnit, boolean forbidden) {
}
