// RUN: dialir-opt %s --split-input-file --mlir-print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: dialir-opt %s --split-input-file | filecheck %s --check-prefix=CUSTOM
// RUN: dialir-opt %s --split-input-file --mlir-print-op-generic | dialir-opt --split-input-file | filecheck %s --check-prefix=CUSTOM

// The numbering of `#map`/`#set` aliases, as mlir-opt's (its AliasInitializer): aliases are
// numbered in the order a dry run of the printer first meets them, maps before sets. An op in
// the generic form is met as: its regions, then its operand types, its result types, its
// discardable attributes by name, and its properties by name; in the custom form, as its
// syntax prints them.

// A loop's own bounds come after the load in its body in the generic form.
// GENERIC:      #map = affine_map<(d0) -> (d0 + 3)>
// GENERIC-NEXT: #map1 = affine_map<() -> (2)>
// GENERIC-NEXT: #map2 = affine_map<() -> (10)>
// GENERIC:      "affine.for"() <{lowerBoundMap = #map1, {{.*}}, upperBoundMap = #map2}> ({
// GENERIC:      "affine.load"(%{{.*}}, %{{.*}}) <{map = #map}>
// CUSTOM-NOT:   #map
// CUSTOM:       affine.for %[[I:.*]] = 2 to 10 {
// CUSTOM-NEXT:    affine.load %{{.*}}[%[[I]] + 3] : memref<16xf32>
func.func @region_first(%m: memref<16xf32>) {
  affine.for %i = 2 to 10 {
    %v = affine.load %m[%i + 3] : memref<16xf32>
  }
  return
}

// -----

// The operand's type first, then the discardable attributes by name (the maps nested in them
// in order), then the properties: `zz` before the property `map`, though the generic form
// prints the properties first.
// GENERIC:      #map = affine_map<(d0) -> (d0 + 1)>
// GENERIC-NEXT: #map1 = affine_map<(d0) -> (d0 + 5)>
// GENERIC-NEXT: #map2 = affine_map<(d0) -> (d0 + 9)>
// GENERIC-NEXT: #map3 = affine_map<(d0) -> (d0 + 7)>
// GENERIC-NEXT: #map4 = affine_map<(d0) -> (d0 * 2)>
// GENERIC:      "affine.load"(%{{.*}}, %{{.*}}) <{map = #map4}> {a_note = #map1, b = {x = 1 : i64, z = #map2}, zz = [#map3]} : (memref<16xf32, #map>, index) -> f32
// CUSTOM:       #map = affine_map<(d0) -> (d0 + 1)>
// CUSTOM-NEXT:  #map1 = affine_map<(d0) -> (d0 + 5)>
// CUSTOM-NEXT:  #map2 = affine_map<(d0) -> (d0 + 9)>
// CUSTOM-NEXT:  #map3 = affine_map<(d0) -> (d0 + 7)>
// CUSTOM-NOT:   #map4
// CUSTOM:       affine.load %{{.*}}[%{{.*}} * 2] {a_note = #map1, b = {x = 1 : i64, z = #map2}, zz = [#map3]} : memref<16xf32, #map>
func.func @types_then_attrs(%m: memref<16xf32, affine_map<(d0) -> (d0 + 1)>>, %i: index) {
  %v = affine.load %m[%i * 2] {zz = [affine_map<(d0) -> (d0 + 7)>], b = {z = affine_map<(d0) -> (d0 + 9)>, x = 1}, a_note = affine_map<(d0) -> (d0 + 5)>} : memref<16xf32, affine_map<(d0) -> (d0 + 1)>>
  return
}

// -----

// A declaration: its discardable attribute before its function_type property.
// GENERIC:      #map = affine_map<(d0) -> (d0 + 2)>
// GENERIC-NEXT: #map1 = affine_map<(d0) -> (d0 + 1)>
// GENERIC:      "func.func"() <{function_type = () -> memref<4xf32, #map1>, {{.*}}}> ({
// GENERIC-NEXT: }) {x = #map} : () -> ()
// CUSTOM:       #map = affine_map<(d0) -> (d0 + 1)>
// CUSTOM-NEXT:  #map1 = affine_map<(d0) -> (d0 + 2)>
// CUSTOM:       func.func private @declaration() -> memref<4xf32, #map> attributes {x = #map1}
func.func private @declaration() -> memref<4xf32, affine_map<(d0) -> (d0 + 1)>> attributes {x = affine_map<(d0) -> (d0 + 2)>}

// -----

// Sets after maps, each numbered on its own; an inner affine.if's set before the outer one's
// in the generic form, in text order in the custom form.
// GENERIC:      #map = affine_map<(d0) -> (d0 - 4)>
// GENERIC-NEXT: #map1 = affine_map<() -> (0)>
// GENERIC-NEXT: #map2 = affine_map<() -> (16)>
// GENERIC-NEXT: #map3 = affine_map<() -> (1)>
// GENERIC-NEXT: #map4 = affine_map<()[s0] -> (s0)>
// GENERIC-NEXT: #set = affine_set<(d0) : (d0 - 8 >= 0)>
// GENERIC-NEXT: #set1 = affine_set<(d0) : (d0 - 4 >= 0)>
// GENERIC:      "affine.if"(%{{.*}}) <{condition = #set1}> ({
// GENERIC-NEXT:   "affine.if"(%{{.*}}) <{condition = #set}> ({
// GENERIC:      "affine.for"(%{{.*}}) <{lowerBoundMap = #map3, {{.*}}, upperBoundMap = #map4}> ({
// CUSTOM:       #set = affine_set<(d0) : (d0 - 4 >= 0)>
// CUSTOM-NEXT:  #set1 = affine_set<(d0) : (d0 - 8 >= 0)>
// CUSTOM:       affine.if #set(%{{.*}}) {
// CUSTOM-NEXT:    affine.if #set1(%{{.*}}) {
func.func @sets(%m: memref<16xf32>, %n: index) {
  affine.for %i = 0 to 16 {
    affine.if affine_set<(d0) : (d0 - 4 >= 0)>(%i) {
      affine.if affine_set<(d0) : (d0 - 8 >= 0)>(%i) {
        %v = affine.load %m[%i - 4] : memref<16xf32>
      }
    }
  }
  affine.for %j = 1 to %n {
  }
  return
}
