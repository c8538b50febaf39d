//! 每季技术比武: turning the judges' scores into results (`aggregate`), ranking them with the
//! stated tie-breaks and giving the awards (`rank`), the running order's draw (`draw`) — pure
//! functions over the domain's types — and the contests against the store (`service`).

pub mod aggregate;
pub mod draw;
pub mod export;
pub mod rank;
pub mod service;
pub mod sheets;
