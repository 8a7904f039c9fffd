//! Tessera's pages: askama templates (`templates/`), the stylesheet (`static/`), and the demo
//! catalog (`demo/`). Pages are rendered on the server and work without JavaScript.

pub mod assets;
pub mod chart;
pub mod demo;
pub mod email;
pub mod ics;
pub mod map;
pub mod pages;
pub mod view;
